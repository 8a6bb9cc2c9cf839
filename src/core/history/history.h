#pragma once

#include "types/historyentry.h"
#include "historyrows.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QThread>
#include <QTimer>

#include <memory>

namespace procdeck {

class HistoryReader;
struct HistoryOpening;
class HistoryWriter;
class Job;
class Scheduler;

/// Every job recorded in SQLite (QtSql's embedded driver), WAL mode: when it starts and when it
/// ends. Rows are gathered for kFlushMs and handed to a HistoryWriter on a thread of its own,
/// which keeps them until a commit takes them (a busy or failing database is retried, and said
/// after 5 s: writeStalled / writeRecovered) and puts what it could not write by close() in a
/// journal that the next open() merges. The jobs a dead ProcDeck left "running" show as
/// "interrupted" the next time, with the guardian's word when it ended them.
///
/// Every read and write of the database and the disk happens on the history's thread (a
/// HistoryReader and the HistoryWriter live there). The window asks with openInBackground() and
/// the fetch…() calls and hears back by signal; open(), recent() and keptOutputBytes() wait for
/// the answer (procdeck-cli, tests).
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
    /// when no database can be had at all. Waits for the history's thread: not for the window.
    bool open(const QString &path, QString *error, QString *notice = nullptr);
    /// The same on the history's thread, without waiting: opened() says how it went. Jobs
    /// recorded meanwhile are kept and written once it is open. Call once, before anything else.
    void openInBackground(const QString &path);
    bool isOpen() const { return m_open; }
    /// openInBackground() has not answered yet.
    bool isOpening() const { return m_opening; }
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

    /// Earlier jobs, newest first; `search` filters on the command (case-insensitive). Waits
    /// for the history's thread: the window uses fetchRecent().
    QList<HistoryEntry> recent(int limit, const QString &search = {}) const;
    /// The bytes of output files that the recorded jobs keep on disk. Waits, as recent().
    qint64 keptOutputBytes() const;
    /// recent() on the history's thread (after what is gathered has been handed to the writer):
    /// recentFetched(ticket, …) brings the answer. Returns the ticket.
    quint64 fetchRecent(int limit, const QString &search = {});
    /// keptOutputBytes() on the history's thread: keptOutputBytesFetched(ticket, …).
    quint64 fetchKeptOutputBytes();

    /// The key written for jobs whose ProcDeck died while they ran.
    static QString interruptedKey() { return QStringLiteral("interrupted"); }

signals:
    /// Writes have failed or waited on a busy database for 5 s: rows are kept and retried.
    /// `reason` is one line for a person ("the history database is locked by another program").
    void writeStalled(const QString &reason);
    /// After writeStalled: every kept row is written now.
    void writeRecovered();
    /// openInBackground()'s answer: as open()'s return value, *error and *notice.
    void opened(bool ok, const QString &error, const QString &notice);
    void recentFetched(quint64 ticket, const QList<procdeck::HistoryEntry> &entries);
    void keptOutputBytesFetched(quint64 ticket, qint64 bytes);

private:
    void startThread(const QString &path);
    void onOpened(const HistoryOpening &opening);
    void startWriter();
    /// Runs `read` on the history's thread and returns its answer (waits for it).
    template<typename T, typename F>
    T waitFor(F read, T none) const;

    QString m_path;
    QString m_runId;
    bool m_open = false;
    bool m_opening = false;
    std::shared_ptr<HistoryOpening> m_openingAnswer; ///< openInBackground()'s, filled on m_thread
    QList<historyrows::Row> m_pending;
    QHash<int, int> m_pendingIndex; ///< seq → its place in m_pending
    QTimer m_flushTimer;
    QThread m_thread;                  ///< the history's: every SQLite connection and file access
    HistoryReader *m_reader = nullptr; ///< lives on m_thread; deleted when it finishes
    HistoryWriter *m_writer = nullptr; ///< likewise
    quint64 m_lastTicket = 0;
    bool m_closed = false;
};

} // namespace procdeck
