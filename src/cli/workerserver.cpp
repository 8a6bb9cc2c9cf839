#include "workerserver.h"

#include "core/models/jobrecordcbor.h"
#include "core/output/outputread.h"
#include "core/output/spillwriter.h"
#include "core/parallel/jobspecjson.h"
#include "core/process/jobsignals.h"
#include "core/process/unixsignalwatcher.h"
#include "core/process/remoterun.h"
#include "core/protocol/protocol.h"
#include "core/types/isotime.h"
#include "core/types/paths.h"
#include "stdiochannel.h"
#include "types/cborkey.h"

#include <QBuffer>
#include <QCborArray>
#include <QCborStreamWriter>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QTimer>

#include <unistd.h>

#include <csignal>
#include <cstdio>

using namespace procdeck;

namespace {

/// Every job sent is started: how many run at once is the peer's to say (its slots).
constexpr int kNoLimit = 1000000;
constexpr qint64 kChunkBytes = 64 * 1024;

/// The record the engine's watch sends for `job`, as a CBOR value to put in a message.
QCborValue recordOf(const Job &job)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QCborStreamWriter writer(&buffer);
    jobrecordcbor::write(writer, job);
    buffer.close();
    return QCborValue::fromCbor(bytes);
}

} // namespace

WorkerServer::WorkerServer(StdioChannel *channel, QObject *parent)
    : QObject(parent), m_channel(channel), m_runFolder(paths::newRunFolder())
{
    m_scheduler.setMaxParallel(kNoLimit);
    m_scheduler.setOutputDir(m_runFolder);
    // What is sent is read back from the spill files: memory keeps no ended job's output.
    m_scheduler.setEndedJobKeep({0, false}); // no tail, no usage samples
    const auto dirty = [this](Job *job) {
        if (m_idOf.contains(job)) {
            m_dirty.insert(job);
            pump();
        }
    };
    connect(&m_scheduler, &Scheduler::jobOutputChanged, this, dirty);
    connect(&m_scheduler, &Scheduler::jobEnded, this, [this, dirty](Job *job) {
        if (!m_idOf.contains(job))
            return;
        ++m_endedUnsent;
        dirty(job);
    });
    connect(&m_scheduler, &Scheduler::jobStarted, this, [this](Job *job) {
        if (m_idOf.contains(job))
            m_channel->send(protocol::message(
                    protocol::type::started,
                    {{cborKey("job"), m_idOf.value(job)}, {cborKey("pid"), job->pid()}}));
    });
    connect(m_channel, &StdioChannel::messageReceived, this, &WorkerServer::onMessage);
    connect(m_channel, &StdioChannel::drained, this, &WorkerServer::pump);
    connect(m_channel, &StdioChannel::cut, this, &WorkerServer::endAll);
    connect(&m_scheduler, &Scheduler::idle, this, &WorkerServer::finishIfDone);
}

WorkerServer::~WorkerServer()
{
    // The spill files were only a buffer for the peer: they have been sent, or nobody wants them.
    // Their writer first finishes what it was given: a file it made later would bring the folder
    // back, left behind.
    SpillWriter::instance().syncAll();
    if (!m_runFolder.isEmpty())
        QDir(m_runFolder).removeRecursively();
}

void WorkerServer::start()
{
    QCborMap hello{{cborKey("version"), protocol::kVersion},
                   {cborKey("worker_pid"), qint64(::getpid())},
                   {cborKey("host"), RemoteRun::hostOf(nullptr)},
                   {cborKey("started"), isotime::format(QDateTime::currentDateTimeUtc())}};
    // A Slurm step (--slurm-workers): its id and node, as the jobs it runs are exported with.
    const QString jobId = qEnvironmentVariable("SLURM_JOB_ID");
    const QString stepId = qEnvironmentVariable("SLURM_STEP_ID");
    if (!jobId.isEmpty() && !stepId.isEmpty()) {
        hello.insert(cborKey("slurm_step"), jobId + QLatin1Char('.') + stepId);
        hello.insert(cborKey("slurm_node"), qEnvironmentVariable("SLURMD_NODENAME"));
    }
    m_channel->send(protocol::message(protocol::type::hello, hello));
}

void WorkerServer::onMessage(const QCborMap &message)
{
    const QString type = protocol::typeOf(message);
    QString error;
    if (type == protocol::type::run) {
        if (runJob(message, &error))
            return;
    } else if (type == protocol::type::kill || type == protocol::type::pause
               || type == protocol::type::resume || type == protocol::type::signal) {
        steer(message);
        return;
    } else {
        error = QStringLiteral("a worker does not know '%1'").arg(type);
    }
    // The peer is ours (ProcDeck's own runner): what it sent wrong is a bug, not a user's slip.
    m_status = 255;
    m_channel->send(protocol::error(error));
    endAll(error);
}

bool WorkerServer::runJob(const QCborMap &message, QString *error)
{
    const QCborValue idValue = message.value(cborKey("job"));
    const qint64 id = idValue.toInteger(-1);
    if (!idValue.isInteger() || id < 0 || m_byId.contains(id)) {
        *error = QStringLiteral("run: job: not a new job number");
        return false;
    }
    JobSpec spec;
    jobspecjson::Problem problem;
    if (!jobspecjson::fromJson(message.value(cborKey("spec")).toMap().toJsonObject(), &spec,
                               &problem)) {
        *error = QStringLiteral("run: spec: %1%2").arg(
                problem.key.isEmpty() ? QString() : problem.key + QStringLiteral(": "),
                problem.what);
        return false;
    }
    // Tries and what a job waits for are the peer's: here each spec runs once, at once.
    spec.retries = 0;
    spec.after.clear();
    spec.afterSuccess.clear();
    if (m_ending) {
        *error = QStringLiteral("run: the worker is ending");
        return false;
    }
    Job *job = m_scheduler.add(spec);
    m_byId.insert(id, job);
    m_idOf.insert(job, id);
    return true;
}

void WorkerServer::steer(const QCborMap &message)
{
    const QString type = protocol::typeOf(message);
    const int sig = int(message.value(cborKey("signal")).toInteger(0));
    QCborArray done;
    QCborArray notDone;
    for (const QCborValue &v : message.value(cborKey("jobs")).toArray()) {
        Job *job = m_byId.value(v.toInteger(-1));
        QString why;
        if (!job)
            why = QStringLiteral("no such job here");
        else if (type == protocol::type::kill)
            m_scheduler.kill(job);
        else if (type == protocol::type::pause && !m_scheduler.pause(job))
            why = QStringLiteral("not running");
        else if (type == protocol::type::resume && !m_scheduler.resume(job))
            why = QStringLiteral("not paused");
        else if (type == protocol::type::signal)
            why = JobSignals::send(job, sig);
        if (why.isEmpty())
            done << v;
        else
            notDone << QCborMap{{cborKey("job"), v}, {cborKey("reason"), why}};
    }
    m_channel->send(protocol::message(protocol::type::steered,
                                      {{cborKey("done"), done}, {cborKey("not_done"), notDone}}));
}

void WorkerServer::pump()
{
    while (!m_dirty.isEmpty() && m_channel->wantsMore()) {
        bool progress = false;
        const QSet<Job *> jobs = m_dirty;
        for (Job *job : jobs) {
            if (!m_channel->wantsMore())
                break;
            if (pumpJob(job))
                progress = true;
        }
        if (!progress)
            break;
    }
    sweepEnded();
}

bool WorkerServer::pumpJob(Job *job)
{
    Sent &sent = m_sent[job];
    const qint64 id = m_idOf.value(job);
    bool any = false;
    for (int stream : {0, 1}) {
        std::shared_ptr<OutputLog> log = stream == 0 ? job->sharedStdoutLog()
                                                     : job->sharedStderrLog();
        const QByteArray chunk = log ? outputread::readFrom(*log, &sent.bytes[stream],
                                                            kChunkBytes)
                                     : QByteArray();
        if (chunk.isEmpty())
            continue;
        sent.bytes[stream] += chunk.size();
        m_channel->send(protocol::message(
                protocol::type::output,
                {{cborKey("job"), id},
                 {cborKey("stream"), stream == 0 ? "stdout" : "stderr"},
                 {cborKey("data"), chunk}}));
        any = true;
    }
    if (any)
        return true;
    m_dirty.remove(job); // all of it is sent: more output or the end brings it back
    if (isTerminal(job->state()))
        sendEnded(job);
    return false;
}

void WorkerServer::sendEnded(Job *job)
{
    const qint64 id = m_idOf.take(job);
    m_byId.remove(id);
    m_sent.remove(job);
    m_channel->send(protocol::message(
            protocol::type::ended,
            {{cborKey("job"), id},
             {cborKey("state"), stateKey(job->state())},
             {cborKey("exit_code"), job->exitCode()},
             {cborKey("signal"), job->signal()},
             {cborKey("timed_out"), job->timedOut()},
             {cborKey("error"), job->error()},
             // Ended with the worker (srun's cancel, its step's time limit): its step's end
             // has words of its own in sacct.
             {cborKey("worker_ending"), m_ending},
             {cborKey("record"), recordOf(*job)}}));
    --m_endedUnsent;
    ++m_endedSent;
}

void WorkerServer::sweepEnded()
{
    // Ended jobs are dropped once all of them are sent (removeEnded takes every ended job), so
    // that a worker that runs 100,000 jobs holds only the running ones. Later, never here: this
    // may run inside a job's own end (jobEnded), which must not delete it under its feet.
    if (m_endedUnsent == 0 && m_endedSent >= 64 && !m_sweepSoon) {
        m_sweepSoon = true;
        QTimer::singleShot(0, this, [this] {
            m_sweepSoon = false;
            if (m_endedUnsent != 0)
                return; // the next end that is sent asks again
            m_scheduler.removeEnded();
            m_endedSent = 0;
        });
    }
    finishIfDone();
}

void WorkerServer::endAll(const QString &reason)
{
    if (m_ending)
        return;
    m_ending = true;
    if (!reason.isEmpty())
        std::fprintf(stderr, "procdeck-cli --worker: %s\n", qPrintable(reason));
    m_scheduler.shutdown();
    QTimer::singleShot(0, this, &WorkerServer::finishIfDone);
}

void WorkerServer::finishIfDone()
{
    if (m_ending && m_scheduler.isIdle() && (m_channel->isCut() || m_dirty.isEmpty()))
        emit finished(m_status);
}

int runWorker()
{
    std::signal(SIGPIPE, SIG_IGN); // a reader gone is EPIPE, the connection's end
    StdioChannel channel(STDIN_FILENO, STDOUT_FILENO);
    WorkerServer server(&channel);
    // srun's cancel, sshd's hang-up, a ^C: the connection's end all the same.
    UnixSignalWatcher watcher({SIGTERM, SIGINT, SIGHUP});
    QObject::connect(&watcher, &UnixSignalWatcher::received, &server, [&server](int sig) {
        server.endAll(QStringLiteral("ended by signal %1").arg(sig));
    });
    QObject::connect(&server, &WorkerServer::finished, qApp,
                     [](int status) { QCoreApplication::exit(status); });
    server.start();
    return QCoreApplication::exec();
}
