#include "historywriter.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

namespace procdeck {

namespace {
constexpr int kFirstRetryMs = 200;
constexpr int kMaxRetryMs = 3000;
/// SQLite waits this long for a lock itself before saying "busy": short, since the retry loop
/// (not a blocked thread) is what waits for a held database.
constexpr int kBusyTimeoutMs = 250;
} // namespace

HistoryWriter::HistoryWriter(QString path, QObject *parent)
    : QObject(parent), m_path(std::move(path)),
      m_connection(QStringLiteral("procdeck-history-writer-")
                   + QUuid::createUuid().toString(QUuid::WithoutBraces)),
      m_retryTimer(this)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &HistoryWriter::writeNow);
}

HistoryWriter::~HistoryWriter()
{
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QString HistoryWriter::journalPath(const QString &databasePath)
{
    return databasePath + QStringLiteral(".pending.jsonl");
}

bool HistoryWriter::ensureOpen(QSqlError *error)
{
    if (m_open)
        return true;
    // Made on this (the writer's) thread: a connection belongs to the thread that made it.
    QSqlDatabase db = QSqlDatabase::contains(m_connection)
        ? QSqlDatabase::database(m_connection, false)
        : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    if (!db.isOpen() && !db.open()) {
        *error = db.lastError();
        return false;
    }
    QString text;
    if (!historyrows::createSchema(db, &text, error)) {
        db.close();
        return false;
    }
    m_open = true;
    return true;
}

void HistoryWriter::add(const QList<historyrows::Row> &rows)
{
    for (const historyrows::Row &row : rows) {
        const QPair<QString, int> key{row.runId, row.record.seq};
        const auto it = m_index.constFind(key);
        if (it != m_index.constEnd()) {
            m_pending[it.value()] = row;
        } else {
            m_index.insert(key, int(m_pending.size()));
            m_pending.append(row);
        }
    }
    if (!m_retryTimer.isActive()) // while backing off, the timer's try takes these too
        writeNow();
}

bool HistoryWriter::writePending(QSqlError *error)
{
    if (!ensureOpen(error))
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction()) {
        *error = db.lastError();
        return false;
    }
    QSqlQuery q(db);
    if (!q.prepare(historyrows::upsertStatement())) {
        *error = q.lastError();
        db.rollback();
        return false;
    }
    for (const historyrows::Row &row : std::as_const(m_pending)) {
        for (const QVariant &v : historyrows::upsertValues(row))
            q.addBindValue(v);
        if (!q.exec()) {
            *error = q.lastError();
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        *error = db.lastError();
        db.rollback();
        return false;
    }
    return true;
}

bool HistoryWriter::writeNow()
{
    if (m_pending.isEmpty())
        return true;
    QSqlError error;
    if (!writePending(&error)) {
        onWriteFailed(error);
        return false;
    }
    // Only a committed transaction lets go of the rows. A batch's submit queues a row for each
    // of its jobs at once; clear() would keep that capacity (100,000 rows: 140 MB) for ever.
    m_pending = {};
    m_index = {};
    m_retryMs = 0;
    m_failingSince.invalidate();
    if (m_saidStalled) {
        m_saidStalled = false;
        emit recovered();
    }
    return true;
}

QString HistoryWriter::describe(const QSqlError &error)
{
    if (historyrows::isBusy(error))
        return QStringLiteral(
                       "the history database is busy: another program holds a lock on it (%1)")
                .arg(error.text());
    return QStringLiteral("the history database cannot be written (%1)").arg(error.text());
}

void HistoryWriter::onWriteFailed(const QSqlError &error)
{
    m_lastProblem = describe(error);
    if (!historyrows::isBusy(error)) {
        // A connection that failed otherwise (a file gone read-only, moved, …) is made anew.
        QSqlDatabase::database(m_connection, false).close();
        m_open = false;
    }
    if (!m_failingSince.isValid())
        m_failingSince.start();
    if (!m_saidStalled && m_failingSince.elapsed() >= kStallMs) {
        m_saidStalled = true;
        emit stalled(QStringLiteral("%1; %2 row(s) are kept and tried again")
                             .arg(m_lastProblem)
                             .arg(m_pending.size()));
    }
    m_retryMs = m_retryMs == 0 ? kFirstRetryMs : qMin(m_retryMs * 2, kMaxRetryMs);
    // One try lands at the 5 s mark, so that the person hears of it then, not at the next try.
    const qint64 untilStall = kStallMs - m_failingSince.elapsed();
    m_retryTimer.start(!m_saidStalled && untilStall > 0 ? int(qMin<qint64>(m_retryMs, untilStall))
                                                        : m_retryMs);
}

QString HistoryWriter::finish(int deadlineMs)
{
    m_retryTimer.stop();
    const QDeadlineTimer deadline(deadlineMs);
    while (!m_pending.isEmpty()) {
        if (writeNow())
            break;
        m_retryTimer.stop();
        if (deadline.hasExpired())
            break;
        QThread::msleep(quint32(qMin<qint64>(
                kFirstRetryMs, deadline.remainingTime()))); // this thread has nothing else to do
    }
    if (m_pending.isEmpty())
        return {};
    QFile journal(journalPath(m_path));
    QByteArray lines;
    for (const historyrows::Row &row : std::as_const(m_pending))
        lines += historyrows::toJournalLine(row);
    if (journal.open(QIODevice::WriteOnly | QIODevice::Append)
        && journal.write(lines) == lines.size() && journal.flush()) {
        const QString message
                = QStringLiteral("%1; %2 row(s) were kept in '%3' and go in on the next open")
                          .arg(m_lastProblem)
                          .arg(m_pending.size())
                          .arg(journal.fileName());
        m_pending.clear();
        m_index.clear();
        return message;
    }
    return QStringLiteral("%1; %2 row(s) are lost: the journal '%3' cannot be written either (%4)")
        .arg(m_lastProblem).arg(m_pending.size()).arg(journal.fileName(), journal.errorString());
}

} // namespace procdeck
