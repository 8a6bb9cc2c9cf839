#pragma once

#include <QString>

namespace procdeck {

/// GNU parallel's --semaphore (sem) across invocations: at most `count` holders of the
/// semaphore `name` at once. Each holder is an entry, a file named PID@HOST, in the name's
/// folder under root() (as parallel's ~/.parallel/semaphores/id-NAME); the entries are counted
/// and made under an exclusive flock() of the name's lock file, and a holder that ended without
/// releasing (its pid no longer runs on this host) is dropped by the next one that counts.
class CountingSemaphore final
{
public:
    /// How acquire() ended.
    enum class Outcome { Acquired, TimedOutTaken, TimedOutGaveUp, Failed };

    CountingSemaphore(const QString &name, int count, const QString &root = defaultRoot());
    ~CountingSemaphore(); ///< releases what it holds
    CountingSemaphore(const CountingSemaphore &) = delete;
    CountingSemaphore &operator=(const CountingSemaphore &) = delete;

    /// $XDG_STATE_HOME/procdeck/semaphores (~/.local/state/procdeck/semaphores).
    static QString defaultRoot();
    /// parallel's folder name for `name`: "id-" and its characters, each but [-_a-z0-9] (any
    /// case) written as its bytes in hex ("/dev/pts/3" → "id-2fdev2fpts2f3").
    static QString folderName(const QString &name);

    /// One try: an entry for this process when fewer than `count` are held. False with
    /// *error set when the folder cannot be used (empty *error: it is full).
    bool tryAcquire(QString *error);
    /// Waits for an entry (a back-off of up to 50 ms between tries). `timeoutSeconds` > 0:
    /// after that long the entry is taken anyway (TimedOutTaken); < 0: after -timeoutSeconds it
    /// gives up (TimedOutGaveUp); 0 waits for as long as it takes.
    Outcome acquire(double timeoutSeconds, QString *error);
    /// In a process forked by the holder `parentPid`: its entry is this process's from now on
    /// (renamed, so that it is never free meanwhile). False when there was none to take.
    bool adopt(qint64 parentPid);
    /// Removes the entry held, if any.
    void release();
    /// The entries held now by processes that still run.
    int holders();

private:
    bool lock(QString *error);
    void unlock();
    int countLiveEntries();
    QString entryFor(qint64 pid) const;
    bool makeEntry(QString *error);

    QString m_folder;
    QString m_lockFile;
    int m_count;
    int m_lockFd = -1;
    QString m_entry; ///< the entry held; empty when none
};

} // namespace procdeck
