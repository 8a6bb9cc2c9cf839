#pragma once

#include "protocol/framereader.h"
#include "types/jobspec.h"
#include "types/sshlogin.h"

#include <QCborMap>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QProcess>

#include <deque>
#include <functional>

namespace procdeck {

/// One connection to a ProcDeck worker (`procdeck-cli --worker`, docs/protocol.md "The worker")
/// for every job placed there during the run: through one ssh login (--ssh-workers) instead of
/// one login per job, or as one step on one node of a Slurm allocation (--slurm-workers) instead
/// of one srun per job. Started at the first job; its end (ssh or srun gone, the worker gone, a
/// broken frame) fails the jobs it had, saying why. Deleting it closes the worker's stdin: the
/// worker ends whatever it still runs.
class WorkerLink final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkerLink)

public:
    /// jobspecjson::toJson: the batch files' JSON, set once by the front end (remote/ may not
    /// include parallel/, which holds it).
    using SpecEncoder = QJsonObject (*)(const JobSpec &spec, const JobSpec *base);
    static void setSpecEncoder(SpecEncoder encoder);

    /// `workerCommand`: the worker's procdeck-cli there; empty: this program's folder's
    /// procdeck-cli, by its absolute path.
    WorkerLink(SshLogin login, QString workerCommand, QObject *parent = nullptr);
    /// The worker as a step of Slurm allocation `jobId` on its node `relativeNode` (srun's
    /// --relative), with all of the allocation's CPUs there; `srunArgs` (--slurm-args) are
    /// given to its srun after ProcDeck's own.
    WorkerLink(const QString &jobId, int relativeNode, QString workerCommand,
               QStringList srunArgs = {}, QObject *parent = nullptr);

    /// What a job sent over the link hears of it (WorkerRun).
    class Listener
    {
    public:
        virtual ~Listener() = default;
        virtual void takeOutput(int stream, const QByteArray &bytes) = 0;
        /// Its "ended" (docs/protocol.md).
        virtual void takeEnd(const QCborMap &ended) = 0;
        /// The link is over before the job ended: `why`.
        virtual void takeFailure(const QString &why) = 0;
    };
    ~WorkerLink() override;

    /// The ssh login's host, or the node the worker step said it runs on (empty until then).
    QString host() const { return m_slurm ? m_node : m_login.hostName(); }
    /// The worker step's JOBID.STEPID, once it has said it; empty over ssh.
    QString slurmStep() const { return m_slurmStep; }
    bool overSlurm() const { return m_slurm; }
    /// Slurm: sacct found no accounting (SlurmAccounting): its jobs no longer ask.
    bool *accountingMissing() { return &m_accountingMissing; }
    /// The worker has said hello: it runs.
    bool hasGreeted() const { return m_greeted; }
    /// Jobs sent and not ended yet.
    int running() const { return int(m_runs.size()); }
    /// Sends `spec` to run for `listener` (which must call forget() before it goes); returns
    /// the number it has on this link, or -1 with *why when the link cannot take it.
    qint64 run(Listener *listener, const JobSpec &spec, QString *why);
    /// kill, pause, resume or signal (`sig`) of job `id`; `answered` (if any) gets whether it was
    /// done, and why not.
    void steer(const QString &type, qint64 id, int sig = 0,
               std::function<void(bool done, const QString &why)> answered = {});
    /// The run is gone: what comes for `id` is dropped.
    void forget(qint64 id) { m_runs.remove(id); }
    /// The command line the login's shell runs: the worker.
    QString remoteCommand() const;

signals:
    /// The worker said hello: host() and slurmStep() are known.
    void greeted();

private:
    void ensureStarted();
    void startSsh();
    void onFinished();
    QStringList srunArguments() const;
    void onReadyRead();
    void onMessage(const QCborMap &message);
    void failAll(const QString &why);
    void send(const QCborMap &message);

    const SshLogin m_login;
    const QString m_workerCommand;
    const bool m_slurm = false;
    const QString m_allocation; ///< Slurm: the allocation's job id
    const int m_relativeNode = 0;
    const QStringList m_srunArgs; ///< Slurm: --slurm-args
    QString m_node;      ///< Slurm: the worker's node, from its hello
    QString m_slurmStep; ///< Slurm: JOBID.STEPID, from its hello
    QProcess m_process;
    FrameReader m_reader;
    QHash<qint64, Listener *> m_runs;
    std::deque<std::function<void(const QCborMap &)>> m_answers; ///< "steered", in order asked
    QByteArray m_stderr; ///< ssh's and the worker's last words
    qint64 m_nextId = 1;
    bool m_started = false;
    bool m_greeted = false;
    bool m_accountingMissing = false;
    QString m_failure; ///< why the link is over, once it is
};

} // namespace procdeck
