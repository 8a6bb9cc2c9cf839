#include "enginerun.h"

#include "enginejobs.h"
#include "prioritymessage.h"
#include "protocol/protocol.h"
#include "types/cborkey.h"
#include "types/isotime.h"
#include "types/jobstate.h"

#include <QCborArray>

#include <cmath>

namespace procdeck {

namespace type = protocol::type;

namespace {

/// 0 for stdout, 1 for stderr, as an `output` message says.
int streamOf(const QCborMap &output)
{
    return output.value(cborKey("stream")).toString() == QLatin1String("stderr") ? 1 : 0;
}

} // namespace

EngineRun::EngineRun(EngineJobs *jobs, int number, bool adoptIfEnded, QObject *parent)
    : RemoteRun(parent), m_jobs(jobs), m_number(number)
{
    if (adoptIfEnded && jobs)
        this->adoptIfEnded(RecordFields(jobs->recordOf(number)));
}

EngineRun::EngineRun(EngineJobs *jobs, int number, const RecordFields &record, QObject *parent)
    : RemoteRun(parent), m_jobs(jobs), m_number(number)
{
    if (jobs)
        adoptIfEnded(record);
}

void EngineRun::adoptIfEnded(const RecordFields &record)
{
    using F = RecordFields;
    JobState state = JobState::Queued;
    if (!stateFromKey(record[F::State].toString(), &state) || !isTerminal(state))
        return;
    // Ended before this window learned of it: the record has its end, its output waits.
    m_record = record.record();
    m_ended = true;
    m_queuedThere = false;
    noteEnd(state, record[F::TimedOut].toBool(), record[F::Error].toString());
    // As a followed job's end is taken (Job::onFinished(), JobFacts::remoteEnd()): one that
    // never ran there failed to start, the engine's words its error; a signal's end has none.
    // Taken now, from the one walk of the record (endedBefore() is asked once, at once).
    auto end = std::make_unique<EndThere>();
    end->startedAt = isotime::parse(record[F::Started].toString());
    if (m_notStarted) {
        const bool neverRan = m_endState == JobState::Cancelled || m_endState == JobState::Skipped;
        end->state = neverRan ? m_endState : JobState::FailedToStart;
        end->error = m_failure;
        m_endThere = std::move(end);
        return;
    }
    const int sig = int(record.integer(F::SignalNumber, 0));
    end->state = m_endState;
    end->signal = qMax(sig, 0);
    end->exitCode = sig > 0 ? -1 : int(record.integer(F::ExitCode, -1));
    end->error = sig > 0 ? QString() : m_failure;
    end->durationMs = qMax<qint64>(std::llround(record[F::DurationS].toDouble() * 1000.0), 0);
    const auto count = [&record](F::Field field) { // a count never below 0
        return qMax<qint64>(record[field].toInteger(), 0);
    };
    end->outputBytes = {count(F::StdoutBytes), count(F::StderrBytes)};
    end->outputLines = {count(F::StdoutLines), count(F::StderrLines)};
    m_endThere = std::move(end);
}

bool EngineRun::endedBefore(EndThere *end) const
{
    if (!m_endThere)
        return false;
    *end = *m_endThere;
    return true;
}

EngineRun::~EngineRun()
{
    closeFollow();
    forget();
}

void EngineRun::forget()
{
    // Only the engine it mirrors: after a lost engine, the number is another job's.
    if (m_jobs && m_started && m_jobs->generation() == m_generation)
        m_jobs->watchJob(m_number, {});
}

JobSpec EngineRun::specOf(const RecordFields &record)
{
    using F = RecordFields;
    JobSpec spec;
    spec.useShell = true;
    spec.shellCommand = record[F::Command].toString();
    spec.label = record[F::Label].toString();
    const QCborArray values = record[F::Values].toArray();
    spec.values.reserve(values.size());
    for (const QCborValue &value : values)
        spec.values << value.toString();
    spec.workingDirectory = record[F::Cwd].toString();
    if (const QString encoding = record[F::Encoding].toString(); !encoding.isEmpty())
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
    if (!queued && !m_followAsked && !m_ended)
        follow();
    // Paused or resumed there, by this window or another client: the mirror follows.
    const bool paused = state == JobState::Paused;
    if (std::exchange(m_pausedThere, paused) != paused && !m_ended)
        emit suspendedChanged(paused);
}

void EngineRun::follow()
{
    // On the window's one follow connection, in its turn (FollowChannel).
    m_followAsked = true;
    m_following = true;
    m_jobs->follows().follow(m_number, this,
                             [this](const QCborMap &message) { onFollowMessage(message); });
}

void EngineRun::closeFollow()
{
    if (std::exchange(m_following, false) && m_jobs)
        m_jobs->follows().unfollow(m_number);
}

void EngineRun::noteEnd(JobState state, bool timedOut, const QString &error)
{
    m_endState = state;
    m_failure = timedOut ? tr("timed out in the engine") // the state says so (endStateThere())
                         : error;
    if (state == JobState::FailedToStart || state == JobState::Cancelled
        || state == JobState::Skipped) {
        m_notStarted = true;
        if (m_failure.isEmpty()) //: %1: the job's state there ("cancelled")
            m_failure = tr("it did not run in the engine (%1)").arg(stateKey(state));
    }
}

void EngineRun::endAs(JobState state, int exitCode, int sig, bool timedOut)
{
    noteEnd(state, timedOut, m_record.value(cborKey("error")).toString());
    if (m_notStarted)
        emit remoteEnded(127, false);
    else
        emit remoteEnded(sig > 0 ? sig : exitCode, sig > 0);
}

bool EngineRun::fetchOutput()
{
    if (!m_endThere || std::exchange(m_fetched, true) || !m_jobs)
        return false;
    m_jobs->follows().follow(m_number, this, [this](const QCborMap &message) {
        const QString kind = protocol::typeOf(message);
        if (kind == type::output)
            emit lateOutput(streamOf(message), message.value(cborKey("data")).toByteArray());
        else
            emit lateOutputDone(); // ended, refused, or the connection's error: no more comes
    });
    return true;
}

void EngineRun::onFollowMessage(const QCborMap &message)
{
    if (m_ended)
        return;
    const QString kind = protocol::typeOf(message);
    if (kind == type::output) {
        emit remoteOutput(streamOf(message), message.value(cborKey("data")).toByteArray());
        return;
    }
    m_following = false; // the channel is done with it: ended, refused, or the connection went
    if (kind == type::ended)
        takeEnd(message);
    else
        endLost(message.value(cborKey("reason")).toString());
}

void EngineRun::takeEnd(const QCborMap &ended)
{
    m_ended = true;
    closeFollow(); // its follow is over
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
    closeFollow();
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

bool EngineRun::forwardSignal(int sig, Refused refused) const
{
    return steerThere(type::signal, {{cborKey("signal"), sig}}, std::move(refused));
}

bool EngineRun::forwardPriority(const PriorityRequest &request, Refused refused) const
{
    return steerThere(type::priority, prioritymessage::fields(request), std::move(refused));
}

bool EngineRun::steerThere(const QString &kind, const QCborMap &fields, Refused refused) const
{
    if (m_ended || !m_jobs)
        return false;
    m_jobs->steer(kind, m_number,
                  [refused = std::move(refused)](bool done, const QString &why) {
                      if (!done && refused)
                          refused(why);
                  },
                  fields);
    return true;
}

void EngineRun::moveInQueueThere(bool toFront) const
{
    const QString to = toFront ? QStringLiteral("front") : QStringLiteral("back");
    if (movableThere())
        m_jobs->steer(type::order, m_number, {}, {{cborKey("to"), to}});
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
