#pragma once

#include "historyrows.h"
#include "jobrecord.h"
#include "jobspec.h"

#include <QHash>
#include <QSqlQuery>
#include <QObject>
#include <QString>
#include <QThread>
#include <QTimer>

#include <functional>

namespace procdeck {

class HistoryWriter;
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
/// ends. Rows are gathered for kFlushMs and handed to a HistoryWriter on a thread of its own,
/// which keeps them until a commit takes them (a busy or failing database is retried, and said
/// after 5 s: writeStalled / writeRecovered) and puts what it could not write by close() in a
/// journal that the next open() merges. The jobs a dead ProcDeck left "running" show as
/// "interrupted" the next time, with the guardian's word when it ended them.
class History final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(History)

public:
    static constexpr int kFlushMs = 200;

    explicit History(QObject *parent = nullptr);
    ~History() override; ///< close()

    /// ~/.local/share/procdeck/history.sqlite
    static QString defaultPath();

    /// Opens (or creates) the database, merges the journal and the guardian's report of an
    /// earlier run, and marks the jobs of dead ProcDecks interrupted. Only a file SQLite calls
    /// corrupt or not a database is moved aside (renamed with a timestamp; *notice says where);
    /// a busy or locked one is kept and written later (*notice says so). False with *error only
    /// when no database can be had at all.
    bool open(const QString &path, QString *error, QString *notice = nullptr);
    bool isOpen() const;
    QString path() const { return m_path; }

    /// Records every job of `scheduler` as it starts and ends.
    void attach(const Scheduler *scheduler);
    void record(const Job &job);
    /// Hands what is gathered to the writer now (it writes on its thread).
    void flush();
    /// flush(), then waits at most `timeoutMs` until the writer has tried; true when every row
    /// handed over is in the database. For tests and for procdeck-cli's --history after a run.
    bool waitForWrites(int timeoutMs = 5000);
    /// The last writes, for at most `deadlineMs`; rows that cannot be written go to the journal.
    /// Returns a message for the person when that happened, else empty. Idempotent.
    QString close(int deadlineMs = 3000);

    /// Earlier jobs, newest first; `search` filters on the command (case-insensitive).
    QList<HistoryEntry> recent(int limit, const QString &search = {}) const;
    /// The bytes of output files that the recorded jobs keep on disk.
    qint64 keptOutputBytes() const;

    /// The key written for jobs whose ProcDeck died while they ran.
    static QString interruptedKey() { return QStringLiteral("interrupted"); }
    /// Where the guardian reports the jobs it ended: "<database>.guardian".
    static QString guardianReportPath(const QString &databasePath);

signals:
    /// Writes have failed or waited on a busy database for 5 s: rows are kept and retried.
    /// `reason` is one line for a person ("the history database is locked by another program").
    void writeStalled(const QString &reason);
    /// After writeStalled: every kept row is written now.
    void writeRecovered();

private:
    bool openReader(QString *error, QString *notice);
    /// Runs `statement` once per line of the side file at `path` (others append to it), in one
    /// transaction; `bind` binds a line's values, false for a line that does not parse.
    bool applySideFile(const QString &path, const QString &statement,
                       const std::function<bool(const QByteArray &line, QSqlQuery &query)> &bind);
    void mergeJournal();
    void applyGuardianReport();
    void markInterrupted();
    void startWriter();

    QString m_connection;
    QString m_path;
    QString m_runId;
    bool m_busyAtOpen = false;
    QList<historyrows::Row> m_pending;
    QHash<int, int> m_pendingIndex; ///< seq → its place in m_pending
    QTimer m_flushTimer;
    QThread m_writerThread;
    HistoryWriter *m_writer = nullptr; ///< lives on m_writerThread; deleted when it finishes
    bool m_closed = false;
};

} // namespace procdeck
