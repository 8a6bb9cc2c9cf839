#include "enginerun.h"

#include "engineconnection.h"
#include "enginejobs.h"
#include "protocol/protocol.h"
#include "types/cborkey.h"
#include "types/isotime.h"
#include "types/jobstate.h"

#include <cmath>

namespace procdeck {

namespace type = protocol::type;

namespace {

int integer(const QCborMap &map, const char *key, int none)
{
    const QCborValue value = map.value(cborKey(key));
    return value.isInteger() ? int(value.toInteger()) : none;
}

/// 0 for stdout, 1 for stderr, as an `output` message says.
int streamOf(const QCborMap &output)
{
    return output.value(cborKey("stream")).toString() == QLatin1String("stderr") ? 1 : 0;
}

} // namespace

EngineRun::EngineRun(EngineJobs *jobs, int number, bool lazyIfEnded, QObject *parent)
    : RemoteRun(parent), m_jobs(jobs), m_number(number), m_lazyIfEnded(lazyIfEnded)
{
}

EngineRun::~EngineRun()
{
    forget();
}

void EngineRun::forget()
{
    // Only the engine it mirrors: after a lost engine, the number is another job's.
    if (m_jobs && m_started && m_jobs->generation() == m_generation)
        m_jobs->watchJob(m_number, {});
}

JobSpec EngineRun::specOf(const QCborMap &record)
{
    JobSpec spec;
    spec.useShell = true;
    spec.shellCommand = record.value(cborKey("command")).toString();
    spec.label = record.value(cborKey("label")).toString();
    spec.workingDirectory = record.value(cborKey("cwd")).toString();
    if (const QString encoding = record.value(cborKey("encoding")).toString(); !encoding.isEmpty())
        spec.encoding = encoding;
    return spec;
}

QDateTime EngineRun::startedThere() const
{
    return isotime::parse(m_record.value(cborKey("started")).toString());
}

qint64 EngineRun::runMsThere() const
{
    JobState state = JobState::Queued;
    stateFromKey(m_record.value(cborKey("state")).toString(), &state);
    if (!isTerminal(state))
        return -1; // the follow's end came first: the window's clock, from the engine's start
    return std::llround(m_record.value(cborKey("duration_s")).toDouble() * 1000.0);
}

bool EngineRun::endStateThere(JobState *state) const
{
    if (m_endState == JobState::Queued)
        return false;
    *state = m_endState;
    return true;
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

qint64 EngineRun::leaderPidHere() const
{
    // The engine runs on this machine under this user: its job's group is ours to read in /proc.
    if (m_ended || m_queuedThere)
        return 0;
    return m_record.value(cborKey("pid")).toInteger();
}

void EngineRun::startRemote(const JobSpec & /*spec*/, int /*treeId*/)
{
    // The engine has it already (submitted, or found there): from now on it is mirrored.
    m_started = true;
    if (!m_jobs)
        return endLost(tr("the window is no longer attached to the engine"));
    m_generation = m_jobs->generation();
    m_jobs->watchJob(m_number, [this](const QCborMap &record) { takeRecord(record); });
}

void EngineRun::takeRecord(const QCborMap &record)
{
    if (record.isEmpty()) // the engine went away (EngineJobs::watchJob())
        return endLost(m_jobs ? m_jobs->lostReason() : QString());
    m_record = record;
    JobState state = JobState::Queued;
    stateFromKey(record.value(cborKey("state")).toString(), &state);
    const bool queued = state == JobState::Queued;
    const QString started = record.value(cborKey("started")).toString();
    const bool newStart = started != std::exchange(m_startedText, started);
    if (std::exchange(m_queuedThere, queued) != queued || newStart)
        emit changed(); // and the job's clock is the engine's from its start there
    // Only what had ended when it was listed: one that ends later is followed (its output).
    if (isTerminal(state) && std::exchange(m_lazyIfEnded, false) && !m_follow && !m_ended) {
        m_ended = true; // no follow: its output when asked (fetchOutput())
        m_jobs->soon(this, [this] { endFromRecord(); }); // after its start, with its page
        return;
    }
    m_lazyIfEnded = false;
    if (!queued && !m_follow && !m_ended)
        follow();
    // Paused or resumed there, by this window or another client: the mirror follows.
    const bool paused = state == JobState::Paused;
    if (std::exchange(m_pausedThere, paused) != paused && !m_ended)
        emit suspendedChanged(paused);
}

EngineConnection *EngineRun::openFollow()
{
    auto *connection = new EngineConnection(m_jobs->client(), this);
    connect(connection, &EngineConnection::attached, this, [this, connection] {
        connection->send(protocol::message(type::follow, {{cborKey("job"), m_number}}));
    });
    connection->open(false);
    return connection;
}

void EngineRun::follow()
{
    m_follow = openFollow();
    connect(m_follow, &EngineConnection::messageReceived, this, &EngineRun::onFollowMessage);
    connect(m_follow, &EngineConnection::failed, this, &EngineRun::endLost);
    connect(m_follow, &EngineConnection::lost, this, &EngineRun::endLost);
}

void EngineRun::endFromRecord()
{
    // Ended before this window learned of it: the record has its end, its output waits.
    m_endedUnseen = true;
    forget();
    JobState state = JobState::Failed;
    stateFromKey(m_record.value(cborKey("state")).toString(), &state);
    endAs(state, integer(m_record, "exit_code", -1), integer(m_record, "signal_number", 0),
          m_record.value(cborKey("timed_out")).toBool());
}

void EngineRun::endAs(JobState state, int exitCode, int sig, bool timedOut)
{
    m_endState = state;
    m_failure = timedOut ? tr("timed out in the engine") // the state says so (endStateThere())
                         : m_record.value(cborKey("error")).toString();
    if (state == JobState::FailedToStart || state == JobState::Cancelled
        || state == JobState::Skipped) {
        m_notStarted = true;
        if (m_failure.isEmpty()) //: %1: the job's state there ("cancelled")
            m_failure = tr("it did not run in the engine (%1)").arg(stateKey(state));
        emit remoteEnded(127, false);
        return;
    }
    emit remoteEnded(sig > 0 ? sig : exitCode, sig > 0);
}

void EngineRun::fetchOutput()
{
    if (!m_endedUnseen || std::exchange(m_fetched, true) || !m_jobs)
        return;
    EngineConnection *connection = openFollow();
    const auto done = [this, connection] {
        connection->disconnect(this);
        connection->deleteLater();
        emit lateOutputDone();
    };
    connect(connection, &EngineConnection::messageReceived, this,
            [this, done](const QCborMap &message) {
                const QString kind = protocol::typeOf(message);
                if (kind == type::output)
                    emit lateOutput(streamOf(message),
                                    message.value(cborKey("data")).toByteArray());
                else if (kind == type::ended || kind == type::refused)
                    done();
            });
    connect(connection, &EngineConnection::failed, this, done);
    connect(connection, &EngineConnection::lost, this, done);
}

void EngineRun::onFollowMessage(const QCborMap &message)
{
    if (m_ended)
        return;
    const QString kind = protocol::typeOf(message);
    if (kind == type::output) {
        emit remoteOutput(streamOf(message), message.value(cborKey("data")).toByteArray());
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
    forget();
    JobState state = JobState::Failed;
    stateFromKey(ended.value(cborKey("state")).toString(), &state);
    endAs(state, int(ended.value(cborKey("exit_code")).toInteger(-1)),
          int(ended.value(cborKey("signal")).toInteger()),
          ended.value(cborKey("timed_out")).toBool());
}

void EngineRun::endLost(const QString &why)
{
    if (m_ended || !m_started)
        return;
    m_ended = true;
    if (m_follow)
        m_follow->deleteLater();
    m_follow = nullptr;
    forget();
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
