#pragma once

#include "jobrecord.h"
#include "jobspec.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QTimer>

namespace procdeck {

class Job;
class Scheduler;

/// One earlier job, as the history keeps it.
struct HistoryEntry {
    qint64 id = 0;
    QString runId;      ///< which ProcDeck session ran it
    JobRecord record;   ///< state as recorded (see stateKey)
    QString stateKey;   ///< stateKey(record.state), or "interrupted" for a job whose ProcDeck died
    JobSpec spec;       ///< enough to run it again
};

/// Every job recorded in SQLite (QtSql's embedded driver), WAL mode: when it starts and when it
/// ends. Writes are gathered and committed in one transaction every kFlushMs, so that thousands
/// of short jobs are not slowed by it; what was committed survives a crash or a kill -9, and the
/// jobs a dead ProcDeck left "running" show as "interrupted" the next time.
class History final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(History)

public:
    static constexpr int kFlushMs = 200;

    explicit History(QObject *parent = nullptr);
    ~History() override; ///< commits what is pending

    /// ~/.local/share/procdeck/history.sqlite
    static QString defaultPath();

    /// Opens (or creates) the database. A file that is not a sound SQLite database is moved aside
    /// (renamed with a timestamp) and a new one made: *notice then says where the old one went.
    /// False with *error only when no database can be had at all.
    bool open(const QString &path, QString *error, QString *notice = nullptr);
    bool isOpen() const;
    QString path() const { return m_path; }

    /// Records every job of `scheduler` as it starts and ends.
    void attach(const Scheduler *scheduler);
    void record(const Job &job);
    /// Commits what is pending now.
    void flush();

    /// Earlier jobs, newest first; `search` filters on the command (case-insensitive).
    QList<HistoryEntry> recent(int limit, const QString &search = {}) const;
    /// The bytes of output files that the recorded jobs keep on disk.
    qint64 keptOutputBytes() const;

    /// Drops jobs older than `maxDays` (0: no limit) and beyond the newest `maxJobs` (0: no
    /// limit), with their output files. Opens its own connection: safe on any thread.
    static bool applyRetention(const QString &path, int maxDays, int maxJobs, qint64 *freedBytes, QString *error);

    /// The key written for jobs whose ProcDeck died while they ran.
    static QString interruptedKey() { return QStringLiteral("interrupted"); }

signals:
    /// Writes have failed or waited on a busy database for 5 s: rows are kept and retried.
    /// `reason` is one line for a person ("the history database is locked by another program").
    void writeStalled(const QString &reason);
    /// After writeStalled: every kept row is written now.
    void writeRecovered();

private:
    bool createSchema(QString *error);
    void markInterrupted();
    QString m_connection;
    QString m_path;
    QString m_runId;
    QList<QPair<JobRecord, JobSpec>> m_pending;
    QHash<int, int> m_pendingIndex; ///< seq → its place in m_pending
    QTimer m_flushTimer;
};

} // namespace procdeck
