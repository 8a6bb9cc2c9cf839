#pragma once

#include <QObject>
#include <QProcess>
#include <QString>

#include <sys/types.h>

#include <memory>
#include <utility>
#include <vector>

namespace procdeck {

/// GNU parallel's --shard and --bin: ONE `perl` reads standard input and writes each line to
/// the job its key picks, as parallel's own sharder does (the same script, so the same split at
/// --colsep, the same perl expression, the same B::hash with PERL_HASH_SEED set: a key of up to
/// 24 bytes reaches the same job as with parallel). Each job's standard input is a pipe of
/// its own, whose read end takeReadEnds() gives; the write ends are perl's alone.
/// Lives on the thread that starts jobs (its perl is registered with that thread's reaper).
class PipeSharder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PipeSharder)

public:
    struct Rules {
        QString option;   ///< "--shard" or "--bin", for messages
        QString colspec;  ///< COLSPEC: a column (number or header name), then a perl expression
        bool bin = false; ///< --bin: the key as a number modulo the job count, not its hash
        QString sep;       ///< the lines' column separator (a perl regexp)
        QString headerSep; ///< the header's (parallel's: empty without --colsep and --header)
    };

    PipeSharder(Rules rules, int inputFd, int jobCount, QObject *parent = nullptr);
    ~PipeSharder() override;

    /// Makes the pipes and starts perl on `inputFd`; false with a one-line *error.
    bool start(QString *error);
    /// The read end of each job's pipe, job 1's first, close-on-exec: the caller's from now on.
    std::vector<int> takeReadEnds() { return std::exchange(m_readEnds, {}); }
    bool isRunning() const { return m_perl && m_perl->state() != QProcess::NotRunning; }
    /// Kills perl (finished() is not emitted): the jobs see the end of their input.
    void stop();

signals:
    /// perl has read the header (a column name) and compiled the expression: the jobs may start.
    void ready();
    /// perl ended; `error` is empty when it read all of standard input.
    void finished(const QString &error);

private:
    void onOutput();
    void onFinished(int exitCode, QProcess::ExitStatus status);

    Rules m_rules;
    int m_inputFd;
    int m_jobCount;
    std::vector<int> m_readEnds;
    std::vector<int> m_writeEnds;
    std::unique_ptr<QProcess> m_perl;
    pid_t m_pid = 0;
    QByteArray m_said;   ///< what perl has said on its standard output
    QString m_error;
    bool m_ready = false;
};

} // namespace procdeck
