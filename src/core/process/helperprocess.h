#pragma once

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <sys/types.h>

#include <memory>

namespace procdeck {

/// What a helper said when it ended.
struct HelperResult {
    bool ran = false;  ///< it started and exited by itself (not by a signal)
    int exitCode = -1; ///< its exit status when `ran`
    QByteArray out;    ///< everything it wrote to stdout
    QByteArray err;    ///< everything it wrote to stderr
    QString error;     ///< why it did not run or did not exit normally; empty when `ran`

    bool succeeded() const { return ran && exitCode == 0; }
};

/// A short program core runs for itself — squeue, scontrol, scancel, an `ssh … nproc` probe —
/// as opposed to a job. The one place such a child is started: it is registered with the reaper
/// (reaper::registerChild) before anything can collect it, so that QProcess, not the reaper's
/// sweep of strays, waits for it (a child collected by the sweep made QProcess report
/// finished(0, CrashExit): a lost squeue answer, a pause "refused"). Its stdin is /dev/null;
/// its output is kept whole and handed over at its end. Deleting it kills and collects a helper
/// still running. Lives on the thread that starts jobs (the reaper's list is that thread's).
class HelperProcess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HelperProcess)

public:
    explicit HelperProcess(QObject *parent = nullptr);
    ~HelperProcess() override;

    /// Starts `program` with `arguments`. Precondition: !isRunning(). A failed start is told by
    /// finished() (`ran` false) on a later turn of the event loop.
    void start(const QString &program, const QStringList &arguments);
    /// Starts `program` and lets it run to its end on its own, whoever else goes (scancel):
    /// nothing is told of it, and it is not killed when ProcDeck tears down.
    static void startDetached(const QString &program, const QStringList &arguments);
    bool isRunning() const { return m_process != nullptr; }
    /// The running helper's pid, 0 when none.
    pid_t pid() const { return m_pid; }
    /// Kills a running helper and collects it at once; finished() is not emitted.
    void stop();

signals:
    /// The helper ended (or could not start): once per start().
    void finished(const procdeck::HelperResult &result);

private:
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void release();

    std::unique_ptr<QProcess> m_process;
    pid_t m_pid = 0;
    bool m_starting = false; ///< inside QProcess::start()
};

} // namespace procdeck

Q_DECLARE_METATYPE(procdeck::HelperResult)
