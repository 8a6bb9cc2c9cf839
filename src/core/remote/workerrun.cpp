#include "workerrun.h"

#include "protocol/protocol.h"
#include "types/jobstate.h"
#include "types/runon.h"
#include "types/cborkey.h"

#include <QPointer>
#include <QTimer>

#include <csignal>

namespace procdeck {

namespace {

constexpr int kKillAnswerMs = 10000;

} // namespace

WorkerRun::WorkerRun(std::shared_ptr<WorkerLink> link, QObject *parent)
    : RemoteRun(parent), m_link(std::move(link))
{
    connect(m_link.get(), &WorkerLink::greeted, this, &RemoteRun::changed);
}

WorkerRun::~WorkerRun()
{
    if (m_id < 0)
        return;
    if (!m_ended)
        m_link->steer(protocol::type::signal, m_id, SIGKILL);
    m_link->forget(m_id);
}

QString WorkerRun::executorKey() const
{
    return m_link->overSlurm() ? executor::slurm() : executor::ssh();
}

QString WorkerRun::host() const
{
    return m_link->host();
}

JobSpec WorkerRun::localCommand(const JobSpec &spec, int /*treeId*/)
{
    return spec; // never asked: no local process (runsItself())
}

void WorkerRun::startRemote(const JobSpec &spec, int /*treeId*/)
{
    JobSpec sent = spec;
    sent.timeoutSeconds = 0; // the job's clock is here: a timeout comes as terminate()
    QString why;
    m_id = m_link->run(this, sent, &why);
    if (m_id < 0) // not from inside the start: the job is not running yet
        QTimer::singleShot(0, this, [this, why] { takeFailure(why); });
}

void WorkerRun::terminate(double /*graceSeconds*/)
{
    // The worker's kill: SIGTERM to the tree, SIGKILL after the spec's grace.
    if (!m_ended && m_id >= 0)
        m_link->steer(protocol::type::kill, m_id);
}

void WorkerRun::killNow()
{
    if (m_ended || m_id < 0)
        return;
    m_link->steer(protocol::type::signal, m_id, SIGKILL);
    // A worker that cannot answer (stopped, hung, cut off without ssh noticing yet) must not
    // hold the job, or quitting, for ever: the connection's end ends the job there later.
    QTimer::singleShot(kKillAnswerMs, this, [this] {
        if (!m_ended)
            takeFailure(QStringLiteral("the worker on %1 did not end it within %2 s of SIGKILL")
                                .arg(host())
                                .arg(kKillAnswerMs / 1000));
    });
}

void WorkerRun::requestSuspended(bool suspended)
{
    m_wanted = suspended;
    QPointer<WorkerRun> self(this);
    m_link->steer(suspended ? protocol::type::pause : protocol::type::resume, m_id, 0,
                  [self, suspended](bool done, const QString &why) {
                      if (!self)
                          return;
                      if (done) {
                          emit self->suspendedChanged(suspended);
                          return;
                      }
                      self->m_wanted = !suspended;
                      emit self->suspendRefused(
                              QStringLiteral("%1 on %2: %3")
                                      .arg(suspended ? QStringLiteral("pause")
                                                     : QStringLiteral("resume"),
                                           self->host(), why));
                  });
}

void WorkerRun::takeEnd(const QCborMap &ended)
{
    m_ended = true;
    if (ended.value(cborKey("state")).toString() == stateKey(JobState::FailedToStart)) {
        m_failure = ended.value(cborKey("error")).toString();
        m_notStarted = true;
        emit remoteEnded(127, false); // as a shell says a command it cannot run
        return;
    }
    // What the tree used there, as the worker's record says (its keys: jobrecordcbor).
    const QCborMap record = ended.value(cborKey("record")).toMap();
    UsageSample usage;
    usage.cpuSeconds = record.value(cborKey("cpu_s")).toDouble();
    usage.rssKb = record.value(cborKey("peak_rss_kb")).toInteger();
    usage.ioReadBytes = record.value(cborKey("io_read_bytes")).toInteger(-1);
    usage.ioWriteBytes = record.value(cborKey("io_write_bytes")).toInteger(-1);
    emit remoteUsage(usage);
    const int sig = int(ended.value(cborKey("signal")).toInteger());
    const int code = sig > 0 ? sig : int(ended.value(cborKey("exit_code")).toInteger());
    if (!ended.value(cborKey("worker_ending")).toBool()) {
        emit remoteEnded(code, sig > 0);
        return;
    }
    endWithTheStep([this, code, sig] { emit remoteEnded(code, sig > 0); });
}

void WorkerRun::endWithTheStep(const std::function<void()> &end)
{
    // Over Slurm the worker goes with its step (scancel, its time limit, its node lost): Slurm's
    // word for that end (CANCELLED, TIMEOUT, NODE_FAIL …) where it keeps accounting; at once
    // over ssh, and where the step is a job's own (no accounting: asked once per link).
    const QString step = m_link->overSlurm() ? m_link->slurmStep() : QString();
    m_accounting.ask(step, m_link->accountingMissing(), [this, end](const QString &state) {
        m_finalState = state;
        end();
    });
}

void WorkerRun::takeFailure(const QString &why)
{
    m_ended = true;
    m_failure = why;
    m_notStarted = !m_link->hasGreeted(); // the worker never ran: nor did the job
    endWithTheStep([this] { emit remoteEnded(255, false); });
}

QString WorkerRun::failureReason(int /*exitCode*/, const QString & /*stderrText*/) const
{
    return m_failure;
}

} // namespace procdeck
