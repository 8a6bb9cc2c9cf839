#include "history.h"

#include "job.h"
#include "paths.h"
#include "scheduler.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

#include <csignal>

namespace procdeck {

namespace {

constexpr const char *kSchema = R"(
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL,
    owner_pid INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    batch INTEGER NOT NULL DEFAULT 0,
    command TEXT NOT NULL,
    label TEXT,
    state TEXT NOT NULL,
    exit_code INTEGER,
    signal INTEGER,
    timed_out INTEGER NOT NULL DEFAULT 0,
    queued TEXT,
    started TEXT,
    finished TEXT,
    duration_ms INTEGER NOT NULL DEFAULT 0,
    pid INTEGER,
    stdout_bytes INTEGER NOT NULL DEFAULT 0,
    stderr_bytes INTEGER NOT NULL DEFAULT 0,
    encoding TEXT,
    cwd TEXT,
    error TEXT,
    notes TEXT,
    stdout_file TEXT,
    stderr_file TEXT,
    spec TEXT NOT NULL,
    peak_rss_kb INTEGER NOT NULL DEFAULT 0,
    cpu_s REAL NOT NULL DEFAULT 0,
    UNIQUE (run_id, seq)
))";

/// Columns added after the first schema: added to older files on open ("duplicate column" is fine).
constexpr const char *kAddedColumns[] = {
    "ALTER TABLE jobs ADD COLUMN peak_rss_kb INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE jobs ADD COLUMN cpu_s REAL NOT NULL DEFAULT 0",
};

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QByteArray specJson(const JobSpec &s)
{
    QJsonObject o;
    o.insert(QStringLiteral("shell"), s.useShell);
    o.insert(QStringLiteral("command"), s.shellCommand);
    o.insert(QStringLiteral("program"), s.program);
    o.insert(QStringLiteral("args"), QJsonArray::fromStringList(s.arguments));
    o.insert(QStringLiteral("cwd"), s.workingDirectory);
    o.insert(QStringLiteral("env"), QJsonArray::fromStringList(s.environment));
    o.insert(QStringLiteral("input"), QString::fromUtf8(s.standardInput));
    o.insert(QStringLiteral("stdin_file"), s.standardInputFile);
    o.insert(QStringLiteral("timeout_s"), s.timeoutSeconds);
    o.insert(QStringLiteral("timeout_action"), timeoutActionKey(s.timeoutAction));
    o.insert(QStringLiteral("grace_s"), s.graceSeconds);
    o.insert(QStringLiteral("encoding"), s.encoding);
    o.insert(QStringLiteral("label"), s.label);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

JobSpec specFromJson(const QByteArray &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    JobSpec s;
    s.useShell = o.value(QLatin1String("shell")).toBool();
    s.shellCommand = o.value(QLatin1String("command")).toString();
    s.program = o.value(QLatin1String("program")).toString();
    for (const QJsonValue &a : o.value(QLatin1String("args")).toArray())
        s.arguments << a.toString();
    s.workingDirectory = o.value(QLatin1String("cwd")).toString();
    for (const QJsonValue &e : o.value(QLatin1String("env")).toArray())
        s.environment << e.toString();
    s.standardInput = o.value(QLatin1String("input")).toString().toUtf8();
    s.standardInputFile = o.value(QLatin1String("stdin_file")).toString();
    s.timeoutSeconds = o.value(QLatin1String("timeout_s")).toDouble();
    timeoutActionFromKey(o.value(QLatin1String("timeout_action")).toString(), &s.timeoutAction);
    s.graceSeconds = o.value(QLatin1String("grace_s")).toDouble(2);
    s.encoding = o.value(QLatin1String("encoding")).toString(QStringLiteral("UTF-8"));
    s.label = o.value(QLatin1String("label")).toString();
    return s;
}

bool processAlive(qint64 pid)
{
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

void removeDatabaseFiles(const QString &path, const QString &suffix)
{
    for (const QString &extra : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        if (QFile::exists(path + extra))
            QFile::rename(path + extra, path + suffix + extra);
}

} // namespace

History::History(QObject *parent)
    : QObject(parent),
      m_connection(QStringLiteral("procdeck-history-") + QUuid::createUuid().toString(QUuid::WithoutBraces)),
      m_runId(QStringLiteral("%1-%2").arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmsszzz")))
                  .arg(QCoreApplication::applicationPid()))
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &History::flush);
}

History::~History()
{
    flush();
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QString History::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("history.sqlite"));
}

bool History::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && QSqlDatabase::database(m_connection, false).isOpen();
}

bool History::createSchema(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    // Reading the schema reads the header and the first page: a file that is not a database fails
    // here. (quick_check would read every page, and the history grows: opening must stay cheap.)
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next()) {
        *error = q.lastError().text();
        return false;
    }
    for (const QString &statement : {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=NORMAL"),
                                     QString::fromLatin1(kSchema),
                                     QStringLiteral("CREATE INDEX IF NOT EXISTS jobs_queued ON jobs(queued)")}) {
        if (!q.exec(statement)) {
            *error = q.lastError().text();
            return false;
        }
    }
    for (const char *statement : kAddedColumns)
        q.exec(QString::fromLatin1(statement)); // fails harmlessly where the column exists
    return true;
}

bool History::open(const QString &path, QString *error, QString *notice)
{
    m_path = path;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    QString problem;
    if (!db.open()) {
        problem = db.lastError().text();
    } else if (!createSchema(&problem)) {
        db.close();
    }
    if (!problem.isEmpty()) {
        if (!QFileInfo::exists(path)) {
            *error = QStringLiteral("cannot create the history database '%1': %2").arg(path, problem);
            return false;
        }
        // Not a sound database: keep it for the person, start a new one.
        const QString suffix = QStringLiteral(".corrupt-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        removeDatabaseFiles(path, suffix);
        if (notice)
            *notice = QStringLiteral("the history database '%1' could not be read (%2); it was moved to '%3' and a new one started")
                          .arg(path, problem, path + suffix);
        if (!db.open() || !createSchema(&problem)) {
            *error = QStringLiteral("cannot create the history database '%1': %2").arg(path, problem);
            return false;
        }
    }
    markInterrupted();
    return true;
}

void History::markInterrupted()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery select(db);
    select.exec(QStringLiteral("SELECT DISTINCT owner_pid FROM jobs WHERE state IN ('queued', 'running')"));
    QList<qint64> dead;
    while (select.next()) {
        const qint64 owner = select.value(0).toLongLong();
        if (owner == QCoreApplication::applicationPid() || !processAlive(owner))
            dead << owner;
    }
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE jobs SET state = 'interrupted', notes = trim(coalesce(notes, '') || ' ProcDeck ended while this job ran') "
                                  "WHERE state IN ('queued', 'running') AND owner_pid = ? AND run_id != ?"));
    for (qint64 owner : dead) {
        update.addBindValue(owner);
        update.addBindValue(m_runId);
        update.exec();
    }
}

void History::attach(const Scheduler *scheduler)
{
    // Started (its pid known) and ended are what is recorded; output growth is not.
    connect(scheduler, &Scheduler::jobStarted, this, [this](Job *job) { record(*job); });
    connect(scheduler, &Scheduler::jobEnded, this, [this](Job *job) { record(*job); });
}

void History::record(const Job &job)
{
    if (!isOpen())
        return;
    // One row per job per flush: a short job's start and end, 200 ms apart at most, become one.
    const JobRecord r = job.record();
    const auto it = m_pendingIndex.constFind(r.seq);
    if (it != m_pendingIndex.constEnd()) {
        m_pending[it.value()].first = r;
    } else {
        m_pendingIndex.insert(r.seq, int(m_pending.size()));
        m_pending.append({r, job.spec()});
    }
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void History::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty() || !isOpen())
        return;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    db.transaction();
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO jobs (run_id, owner_pid, seq, batch, command, label, state, exit_code, signal, timed_out, queued, "
        "started, finished, duration_ms, pid, stdout_bytes, stderr_bytes, encoding, cwd, error, notes, stdout_file, "
        "stderr_file, spec, peak_rss_kb, cpu_s) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT (run_id, seq) DO UPDATE SET state = excluded.state, exit_code = excluded.exit_code, "
        "signal = excluded.signal, timed_out = excluded.timed_out, started = excluded.started, "
        "finished = excluded.finished, duration_ms = excluded.duration_ms, pid = excluded.pid, "
        "stdout_bytes = excluded.stdout_bytes, stderr_bytes = excluded.stderr_bytes, error = excluded.error, "
        "notes = excluded.notes, stdout_file = excluded.stdout_file, stderr_file = excluded.stderr_file, "
        "peak_rss_kb = excluded.peak_rss_kb, cpu_s = excluded.cpu_s"));
    for (const auto &[r, spec] : std::as_const(m_pending)) {
        const QVariantList values = {
            m_runId, QCoreApplication::applicationPid(), r.seq, r.batchId, r.command, r.label, stateKey(r.state),
            r.exitCode >= 0 ? QVariant(r.exitCode) : QVariant(), r.signal > 0 ? QVariant(r.signal) : QVariant(),
            int(r.timedOut), iso(r.queuedAt), iso(r.startedAt), iso(r.finishedAt), r.durationMs,
            r.pid > 0 ? QVariant(r.pid) : QVariant(), r.stdoutBytes, r.stderrBytes, r.encoding, r.cwd, r.error,
            r.notes, r.stdoutPath, r.stderrPath, QString::fromUtf8(specJson(spec)), r.peakRssKb, r.cpuSeconds};
        for (const QVariant &v : values)
            q.addBindValue(v);
        q.exec();
    }
    db.commit();
    m_pending.clear();
    m_pendingIndex.clear();
}

QList<HistoryEntry> History::recent(int limit, const QString &search) const
{
    QList<HistoryEntry> entries;
    if (!isOpen())
        return entries;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT id, run_id, seq, batch, command, label, state, exit_code, signal, timed_out, queued, "
                             "started, finished, duration_ms, pid, stdout_bytes, stderr_bytes, encoding, cwd, error, notes, "
                             "stdout_file, stderr_file, spec, peak_rss_kb, cpu_s FROM jobs WHERE command LIKE ? ESCAPE '\\' "
                             "ORDER BY queued DESC, id DESC LIMIT ?"));
    QString pattern = search;
    pattern.replace(QLatin1String("\\"), QLatin1String("\\\\")).replace(QLatin1String("%"), QLatin1String("\\%")).replace(QLatin1String("_"), QLatin1String("\\_"));
    q.addBindValue(QLatin1Char('%') + pattern + QLatin1Char('%'));
    q.addBindValue(limit > 0 ? limit : -1);
    q.exec();
    while (q.next()) {
        HistoryEntry e;
        JobRecord &r = e.record;
        e.id = q.value(0).toLongLong();
        e.runId = q.value(1).toString();
        r.seq = q.value(2).toInt();
        r.batchId = q.value(3).toInt();
        r.command = q.value(4).toString();
        r.label = q.value(5).toString();
        e.stateKey = q.value(6).toString();
        stateFromKey(e.stateKey, &r.state);
        r.exitCode = q.value(7).isNull() ? -1 : q.value(7).toInt();
        r.signal = q.value(8).toInt();
        r.timedOut = q.value(9).toBool();
        r.queuedAt = QDateTime::fromString(q.value(10).toString(), Qt::ISODateWithMs);
        r.startedAt = QDateTime::fromString(q.value(11).toString(), Qt::ISODateWithMs);
        r.finishedAt = QDateTime::fromString(q.value(12).toString(), Qt::ISODateWithMs);
        r.durationMs = q.value(13).toLongLong();
        r.pid = q.value(14).toLongLong();
        r.stdoutBytes = q.value(15).toLongLong();
        r.stderrBytes = q.value(16).toLongLong();
        r.encoding = q.value(17).toString();
        r.cwd = q.value(18).toString();
        r.error = q.value(19).toString();
        r.notes = q.value(20).toString();
        r.stdoutPath = q.value(21).toString();
        r.stderrPath = q.value(22).toString();
        e.spec = specFromJson(q.value(23).toByteArray());
        r.peakRssKb = q.value(24).toLongLong();
        r.cpuSeconds = q.value(25).toDouble();
        entries << e;
    }
    return entries;
}

qint64 History::keptOutputBytes() const
{
    qint64 total = 0;
    if (!isOpen())
        return total;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.exec(QStringLiteral("SELECT stdout_file, stderr_file FROM jobs WHERE stdout_file != '' OR stderr_file != ''"));
    while (q.next())
        for (int i = 0; i < 2; ++i)
            if (const QString f = q.value(i).toString(); !f.isEmpty())
                total += QFileInfo(f).size();
    return total;
}

} // namespace procdeck
