#include "enginerun.h"

#include "engineconnection.h"
#include "enginejobs.h"
#include "protocol/protocol.h"
#include "types/cborkey.h"
#include "types/jobstate.h"

namespace procdeck {

namespace type = protocol::type;

EngineRun::EngineRun(EngineJobs *jobs, int number, QObject *parent)
    : RemoteRun(parent), m_jobs(jobs), m_number(number)
{
}

EngineRun::~EngineRun()
{
    if (m_jobs)
        m_jobs->watchJob(m_number, {});
}

QString EngineRun::executorKey() const
{
    const QString executor = m_record.value(cborKey("executor")).toString();
    return executor.isEmpty() ? executor::local() : executor;
}

QString EngineRun::host() const
{
    return m_record.value(cborKey("host")).toString();
}

QString EngineRun::slurmJobId() const
{
    return m_record.value(cborKey("slurm_job_id")).toString();
}

JobSpec EngineRun::localCommand(const JobSpec &spec, int /*treeId*/)
{
    return spec; // never asked: no local process (runsItself())
}

void EngineRun::startRemote(const JobSpec & /*spec*/, int /*treeId*/)
{
    // The engine has it already (submitted, or found there): from now on it is mirrored.
    m_started = true;
    if (!m_jobs)
        return endLost(tr("the window is no longer attached to the engine"));
    m_jobs->watchJob(m_number, [this](const QCborMap &record) { takeRecord(record); });
}

void EngineRun::takeRecord(const QCborMap &record)
{
    m_record = record;
    JobState state = JobState::Queued;
    stateFromKey(record.value(cborKey("state")).toString(), &state);
    const bool queued = state == JobState::Queued;
    if (std::exchange(m_queuedThere, queued) != queued)
        emit changed();
    if (!queued && !m_follow && !m_ended)
        follow();
    // Paused or resumed there, by this window or another client: the mirror follows.
    const bool paused = state == JobState::Paused;
    if (std::exchange(m_pausedThere, paused) != paused && !m_ended)
        emit suspendedChanged(paused);
}

void EngineRun::follow()
{
    m_follow = new EngineConnection(m_jobs->client(), this);
    connect(m_follow, &EngineConnection::attached, this, [this] {
        m_follow->send(protocol::message(type::follow, {{cborKey("job"), m_number}}));
    });
    connect(m_follow, &EngineConnection::messageReceived, this, &EngineRun::onFollowMessage);
    connect(m_follow, &EngineConnection::failed, this, &EngineRun::endLost);
    connect(m_follow, &EngineConnection::lost, this, &EngineRun::endLost);
    m_follow->open(false);
}

void EngineRun::onFollowMessage(const QCborMap &message)
{
    if (m_ended)
        return;
    const QString kind = protocol::typeOf(message);
    if (kind == type::output) {
        const bool err = message.value(cborKey("stream")).toString() == QLatin1String("stderr");
        emit remoteOutput(err ? 1 : 0, message.value(cborKey("data")).toByteArray());
    } else if (kind == type::ended) {
        takeEnd(message);
    } else if (kind == type::refused) {
        endLost(message.value(cborKey("reason")).toString());
    }
}

void EngineRun::takeEnd(const QCborMap &ended)
{
    m_ended = true;
    m_follow->deleteLater(); // its follow is over
    m_follow = nullptr;
    JobState state = JobState::Failed;
    stateFromKey(ended.value(cborKey("state")).toString(), &state);
    const int sig = int(ended.value(cborKey("signal")).toInteger());
    const int code = int(ended.value(cborKey("exit_code")).toInteger(-1));
    if (state == JobState::FailedToStart || state == JobState::Cancelled
        || state == JobState::Skipped) {
        m_notStarted = true;
        m_failure = m_record.value(cborKey("error")).toString();
        if (m_failure.isEmpty()) //: %1: the job's state there ("cancelled")
            m_failure = tr("it did not run in the engine (%1)").arg(stateKey(state));
        emit remoteEnded(127, false);
        return;
    }
    if (ended.value(cborKey("timed_out")).toBool())
        m_failure = tr("timed out in the engine");
    emit remoteEnded(sig > 0 ? sig : code, sig > 0);
}

void EngineRun::endLost(const QString &why)
{
    if (m_ended || !m_started)
        return;
    m_ended = true;
    if (m_follow)
        m_follow->deleteLater();
    m_follow = nullptr;
    //: %1: why (the engine's words, or the connection's)
    m_failure = tr("the engine's job could not be followed: %1").arg(why);
    emit remoteEnded(255, false);
}

void EngineRun::terminate(double /*graceSeconds*/)
{
    // The engine's kill: SIGTERM to the tree, SIGKILL after the spec's grace; a queued job
    // there is cancelled. The end comes through the follow.
    if (!m_ended && m_jobs)
        m_jobs->steer(type::kill, m_number);
}

void EngineRun::requestSuspended(bool suspended)
{
    m_wanted = suspended;
    if (!m_jobs)
        return;
    QPointer<EngineRun> self(this);
    m_jobs->steer(suspended ? type::pause : type::resume, m_number,
                  [self, suspended](bool done, const QString &why) {
                      if (!self)
                          return;
                      if (done) {
                          self->m_pausedThere = suspended;
                          emit self->suspendedChanged(suspended);
                          return;
                      }
                      self->m_wanted = !suspended;
                      emit self->suspendRefused(
                              tr("the engine would not %1 it: %2")
                                      .arg(suspended ? QStringLiteral("pause")
                                                     : QStringLiteral("resume"),
                                           why));
                  });
}

QString EngineRun::failureReason(int /*exitCode*/, const QString & /*stderrText*/) const
{
    return m_failure;
}

} // namespace procdeck
