#include "historyreader.h"

#include "process/guardian.h"
#include "historyrows.h"
#include "historywriter.h"
#include "types/isotime.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlRecord>
#include <QUuid>

#include <csignal>

namespace procdeck {

namespace {

/// The reading connection (recent(), open's merges) waits this long for a lock: short, so that a
/// held database costs the window a moment, not a freeze.
constexpr int kReaderBusyTimeoutMs = 200;

/// The ProcDeck that wrote rows still runs: its pid is taken, and by the same process (a pid is
/// reused; its start time tells). Rows from before start times were kept trust the pid alone.
bool ownerAlive(qint64 pid, const QVariant &started)
{
    if (pid <= 0 || (::kill(pid_t(pid), 0) != 0 && errno != EPERM))
        return false;
    return started.isNull() || historyrows::processStartTime(pid) == started.toLongLong();
}

void moveDatabaseFiles(const QString &path, const QString &suffix)
{
    for (const QString &extra : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        if (QFile::exists(path + extra))
            QFile::rename(path + extra, path + suffix + extra);
}

/// Takes a side file written by others (they append): renamed first, so that lines appended
/// meanwhile go to a new file rather than being lost with this one.
QByteArray takeSideFile(const QString &path)
{
    if (!QFile::exists(path))
        return {};
    const QString taken
            = path + QStringLiteral(".taken-%1").arg(QCoreApplication::applicationPid());
    if (!QFile::rename(path, taken))
        return {};
    QFile file(taken);
    QByteArray bytes;
    if (file.open(QIODevice::ReadOnly))
        bytes = file.readAll();
    return bytes;
}

void dropSideFile(const QString &path)
{
    QFile::remove(path + QStringLiteral(".taken-%1").arg(QCoreApplication::applicationPid()));
}

/// A taken side file that could not be used goes back, after whatever came meanwhile.
void restoreSideFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Append))
        file.write(bytes);
    dropSideFile(path);
}

} // namespace

HistoryReader::HistoryReader(QString path, QString runId)
    : m_path(std::move(path)), m_runId(std::move(runId)),
      m_connection(QStringLiteral("procdeck-history-")
                   + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

HistoryReader::~HistoryReader()
{
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QString HistoryReader::guardianReportPath(const QString &databasePath)
{
    return databasePath + QStringLiteral(".guardian");
}

HistoryOpening HistoryReader::open()
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    const HistoryOpening opening = openConnection();
    if (opening.ok && !m_busyAtOpen) {
        mergeJournal();
        applyGuardianReport();
        markInterrupted();
    }
    // Closed until something is read (the window's History; procdeck-cli reads nothing more):
    // its two descriptors are two jobs' worth of room under a low `ulimit -n`.
    m_readable = opening.ok;
    QSqlDatabase::database(m_connection, false).close();
    return opening;
}

HistoryOpening HistoryReader::openConnection()
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kReaderBusyTimeoutMs));
    QString problem;
    QSqlError sqlError;
    if (!db.open()) {
        problem = db.lastError().text();
        sqlError = db.lastError();
    } else if (historyrows::createSchema(db, &problem, &sqlError)) {
        return {true, {}, {}};
    }
    if (historyrows::isBusy(sqlError)) {
        // Held by another program: never moved aside. Rows wait in the writer until it frees.
        m_busyAtOpen = true;
        return { true,
                 {},
                 QStringLiteral("the history database '%1' is busy (%2); this run's rows are kept "
                                "and written when it frees")
                         .arg(m_path, problem) };
    }
    if (!historyrows::isCorruption(sqlError)) {
        if (QFileInfo::exists(m_path)) {
            // There but not writable now (read-only, no permission): the writer keeps trying and
            // journals at the end; only SQLite's word "corrupt" moves a file aside.
            m_busyAtOpen = true;
            return { true,
                     {},
                     QStringLiteral("the history database '%1' cannot be written (%2); this run's "
                                    "rows are kept and "
                                    "written when it can be")
                             .arg(m_path, problem) };
        }
        db.close();
        return { false,
                 QStringLiteral("cannot create the history database '%1': %2").arg(m_path, problem),
                 {} };
    }
    // Not a sound database: keep it for the person, start a new one.
    db.close();
    const QString suffix = QStringLiteral(".corrupt-")
            + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    moveDatabaseFiles(m_path, suffix);
    const QString notice = QStringLiteral("the history database '%1' could not be read (%2); it "
                                          "was moved to '%3' and a new one started")
                                   .arg(m_path, problem, m_path + suffix);
    if (!db.open() || !historyrows::createSchema(db, &problem))
        return { false,
                 QStringLiteral("cannot create the history database '%1': %2").arg(m_path, problem),
                 notice };
    return {true, {}, notice};
}

bool HistoryReader::applySideFile(
        const QString &path, const QString &statement,
        const std::function<bool(const QByteArray &line, QSqlQuery &query)> &bind)
{
    const QByteArray lines = takeSideFile(path);
    if (lines.isEmpty())
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    bool ok = db.transaction() && q.prepare(statement);
    for (const QByteArray &line : lines.split('\n')) {
        // A line that does not parse (a torn last line after a crash) is dropped, the rest kept.
        if (ok && !line.trimmed().isEmpty() && bind(line, q))
            ok = q.exec();
    }
    if (ok && db.commit()) {
        dropSideFile(path); // the file goes only when the commit has taken its lines
        return true;
    }
    db.rollback();
    restoreSideFile(path, lines);
    return false;
}

void HistoryReader::mergeJournal()
{
    applySideFile(HistoryWriter::journalPath(m_path), historyrows::upsertStatement(),
                  [](const QByteArray &line, QSqlQuery &q) {
                      historyrows::Row row;
                      if (!historyrows::fromJournalLine(line, &row))
                          return false;
                      for (const QVariant &v : historyrows::upsertValues(row))
                          q.addBindValue(v);
                      return true;
                  });
}

void HistoryReader::applyGuardianReport()
{
    const QString note = QStringLiteral("ProcDeck ended while this job ran; its guardian ended the "
                                        "job's process tree "
                                        "(SIGTERM, then SIGKILL after %1 s)")
                                 .arg(guardian::kGraceMs / 1000.0);
    // The row has the job as it was last written (at its start, or its pause): its end, its run
    // time and its time paused are the guardian's figures.
    applySideFile(guardianReportPath(m_path),
                  QStringLiteral(
                      "UPDATE jobs SET state = 'interrupted', "
                      "notes = trim(coalesce(notes, '') || ' ' || ?), "
                      "finished = coalesce(?, finished), "
                      "duration_ms = CASE WHEN ? IS NULL OR coalesce(started, '') = '' "
                      "THEN duration_ms ELSE max(duration_ms, CAST(round("
                      "(julianday(?) - julianday(started)) * 86400000.0) AS INTEGER)) END, "
                      "paused_ms = max(paused_ms, coalesce(?, 0)) "
                      "WHERE run_id = ? AND seq = ? "
                      "AND state IN ('queued', 'running', 'paused', 'interrupted')"),
                  [&note](const QByteArray &line, QSqlQuery &q) {
                      const QList<QByteArray> fields = line.split('\t');
                      // 2 fields: a guardian from before the times
                      if (fields.size() != 2 && fields.size() != 4)
                          return false;
                      const bool timed = fields.size() == 4;
                      const QDateTime end =
                          QDateTime::fromMSecsSinceEpoch(fields.value(2).toLongLong(), Qt::UTC);
                      const QVariant ended = timed ? QVariant(isotime::format(end)) : QVariant();
                      q.addBindValue(note);
                      for (int i = 0; i < 3; ++i)
                          q.addBindValue(ended);
                      q.addBindValue(timed ? QVariant(fields[3].toLongLong()) : QVariant());
                      q.addBindValue(QString::fromUtf8(fields[0]));
                      q.addBindValue(fields[1].toInt());
                      return true;
                  });
}

void HistoryReader::markInterrupted()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery select(db);
    if (!select.exec(QStringLiteral("SELECT DISTINCT owner_pid, owner_started FROM jobs "
                                    "WHERE state IN ('queued', 'running', 'paused')")))
        return; // read again at the next open: nothing is lost by waiting
    QList<QPair<qint64, QVariant>> dead;
    while (select.next()) {
        const qint64 owner = select.value(0).toLongLong();
        const QVariant started = select.value(1);
        if (owner == QCoreApplication::applicationPid() || !ownerAlive(owner, started))
            dead.append({owner, started});
    }
    // A job still queued never ran: cancelled, by ProcDeck's end. The others ran on unrecorded.
    QSqlQuery cancel(db);
    cancel.prepare(QStringLiteral("UPDATE jobs SET state = 'cancelled', "
                                  "notes = trim(coalesce(notes, '') "
                                  "|| ' interrupted: ProcDeck ended before this job started') "
                                  "WHERE state = 'queued' AND coalesce(started, '') = '' "
                                  "AND owner_pid = ? AND owner_started IS ? AND run_id != ?"));
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE jobs SET state = 'interrupted', "
                                  "notes = trim(coalesce(notes, '') "
                                  "|| ' ProcDeck ended while this job ran') "
                                  "WHERE state IN ('queued', 'running', 'paused') "
                                  "AND owner_pid = ? AND owner_started IS ? AND run_id != ?"));
    for (const auto &[owner, started] : std::as_const(dead)) {
        for (QSqlQuery *q : {&cancel, &update}) {
            q->addBindValue(owner);
            q->addBindValue(started);
            q->addBindValue(m_runId);
            if (!q->exec())
                return; // as above: the rows stay "running" until an open can mark them
        }
    }
}

bool HistoryReader::reopen() const
{
    if (!m_readable)
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    return db.isOpen() || db.open();
}

QList<HistoryEntry> HistoryReader::recent(int limit, const QString &search) const
{
    QList<HistoryEntry> entries;
    if (!reopen())
        return entries;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT id, %1 FROM jobs WHERE command LIKE ? ESCAPE '\\' ORDER BY "
                             "queued DESC, id DESC LIMIT ?")
                      .arg(historyrows::columns().join(QLatin1String(", "))));
    QString pattern = search;
    pattern.replace(QLatin1String("\\"), QLatin1String("\\\\"))
            .replace(QLatin1String("%"), QLatin1String("\\%"))
            .replace(QLatin1String("_"), QLatin1String("\\_"));
    q.addBindValue(QLatin1Char('%') + pattern + QLatin1Char('%'));
    q.addBindValue(limit > 0 ? limit : -1);
    q.exec();
    const QSqlRecord columns = q.record();
    while (q.next()) {
        historyrows::Row row = historyrows::rowFrom(
                [&](const QString &column) { return q.value(columns.indexOf(column)); });
        HistoryEntry e;
        e.id = q.value(0).toLongLong();
        e.runId = row.runId;
        e.record = row.record;
        e.stateKey
                = q.value(columns.indexOf(QStringLiteral("state"))).toString(); // "interrupted" too
        e.spec = row.spec;
        entries << e;
    }
    return entries;
}

qint64 HistoryReader::keptOutputBytes() const
{
    qint64 total = 0;
    if (!reopen())
        return total;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.exec(QStringLiteral("SELECT stdout_file, stderr_file FROM jobs WHERE stdout_file != '' OR "
                          "stderr_file != ''"));
    while (q.next())
        for (int i = 0; i < 2; ++i)
            if (const QString f = q.value(i).toString(); !f.isEmpty())
                total += QFileInfo(f).size();
    return total;
}

} // namespace procdeck
