#pragma once

#include <QHash>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTimer>

#include <memory>

namespace procdeck {

/// What squeue says of one job.
struct SlurmJobInfo {
    QString jobId;
    QString state; ///< squeue's long state: PENDING, RUNNING, COMPLETED, CANCELLED, …
    QString node;  ///< the node list, empty while pending
};

/// Follows ProcDeck's jobs in Slurm's queue by their names: one `squeue -t all --name=…` for all
/// of them, twice a second while any is watched, never on the caller's thread's time (the
/// squeue runs as a QProcess). Ended jobs stay visible to squeue for MinJobAge (300 s by
/// default), so a job that ended before it was first seen is still found.
class SlurmQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlurmQueue)

public:
    explicit SlurmQueue(QObject *parent = nullptr);
    ~SlurmQueue() override;

    void watch(const QString &jobName);
    void unwatch(const QString &jobName);
    /// Asks squeue again as soon as the current question (if any) is answered.
    void askSoon();

signals:
    /// squeue answered for `jobName`.
    void seen(const QString &jobName, const procdeck::SlurmJobInfo &info);
    /// squeue could not be asked or failed; `error` says why.
    void failed(const QString &error);

private:
    void ask();
    void onAnswered(int exitCode, QProcess::ExitStatus status);

    QHash<QString, int> m_watched; ///< name → how many watch it
    std::unique_ptr<QProcess> m_squeue;
    QTimer m_timer;
    bool m_askAgain = false;
};

} // namespace procdeck
