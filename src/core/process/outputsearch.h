#pragma once

#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

namespace procdeck {

class Job;
class OutputLog;

/// Searches jobs' complete output on disk, for the text filter: memory keeps only each stream's
/// last MiB, the spill files hold all of it. Runs on a thread of its own, decoding each file in
/// its job's encoding (a character split across two reads is never broken, a match across two
/// reads is found); the caller's thread only asks and hears. A new search cancels the last one.
class OutputSearch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutputSearch)

public:
    explicit OutputSearch(QObject *parent = nullptr);
    /// Cancels the search under way and waits for its thread (at most one read of 1 MiB).
    ~OutputSearch() override;

    /// Whether memory holds less than all of the job's output: only then is its disk searched.
    static bool needsDisk(const Job &job);

    /// Searches, case-insensitively, the complete output of those of `jobs` that needsDisk()
    /// for `text` (empty: nothing, and any search under way stops). Emits found() for each
    /// job that holds it, progress() as it reads, finished() at the end.
    void start(const QString &text, const QList<const Job *> &jobs);
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    /// A search of `jobs` jobs' complete output, `bytes` in all, began.
    void started(int jobs, qint64 bytes);
    void found(int seq);
    /// Bytes read so far of `total` (the files' sizes when the search began).
    void progress(qint64 read, qint64 total);
    /// `searchedJobs`: jobs whose complete output was read; `missingJobs`: jobs whose files were
    /// gone or unreadable (only their last lines, in memory, were searched).
    void finished(int searchedJobs, int missingJobs);

private:
    /// One job's streams, as its log showed them when the search began.
    struct Target {
        int seq = 0;
        QString encoding;
        std::shared_ptr<OutputLog> logs[2];
        QString paths[2]; ///< empty: no complete file (nothing printed, or spilling failed)
        qint64 bytes[2] = {0, 0};
    };
    struct Run;
    void runOn(const std::shared_ptr<Run> &run, const QList<Target> &targets);
    static int searchTarget(const std::shared_ptr<Run> &run, const Target &target,
                            const std::function<void(qint64)> &onRead);

    QThreadPool m_pool;
    std::shared_ptr<Run> m_run; ///< the search under way, if any
    bool m_running = false;
};

} // namespace procdeck
