#include "engine.h"

#include "core/history/history.h"
#include "core/protocol/enginepaths.h"
#include "core/protocol/protocol.h"
#include "core/scheduling/scheduler.h"
#include "enginecore.h"
#include "enginelog.h"
#include "enginenotifier.h"
#include "engineserver.h"
#include "followstreams.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/file.h>
#include <unistd.h>

using namespace procdeck;

namespace {

/// How long a new engine waits for a dying one's lock (kill -9: its guardian lets go ~1 s later).
constexpr int kLockWaitMs = 3000;
constexpr int kLockPollMs = 50;
/// Long enough for the history's thread to have written a batch's last rows.
constexpr int kTrimAfterIdleMs = 3000;

} // namespace

Engine::Engine(int idleExitMs, QObject *parent)
    : QObject(parent), m_idleExitMs(idleExitMs), m_signals({SIGTERM, SIGINT, SIGHUP, SIGPIPE})
{
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        stop(QStringLiteral("idle for %1 s: no job and no client").arg(m_idleExitMs / 1000.0));
    });
    m_trimTimer.setSingleShot(true);
    m_trimTimer.setInterval(kTrimAfterIdleMs);
    connect(&m_trimTimer, &QTimer::timeout, this, &Engine::giveBackFreedMemory);
    connect(&m_signals, &UnixSignalWatcher::received, this, [this](int sig) {
        if (sig == SIGTERM || sig == SIGINT)
            stop(QString::fromLatin1(sig == SIGTERM ? "SIGTERM" : "SIGINT"));
        // SIGHUP, SIGPIPE: the engine has no terminal, and a client that went away is its own.
    });
}

Engine::~Engine()
{
    if (m_lockFd >= 0)
        ::close(m_lockFd);
}

bool Engine::takeLock(QString *error)
{
    const QString path = enginepaths::engineLockPath();
    m_lockFd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_lockFd < 0) {
        *error = QStringLiteral("cannot open '%1': %2")
                         .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    const QDeadlineTimer deadline(kLockWaitMs);
    while (::flock(m_lockFd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK || deadline.hasExpired()) {
            *error = QStringLiteral("another engine runs (it holds '%1')").arg(path);
            return false;
        }
        QThread::msleep(kLockPollMs); // before the event loop runs: nothing else waits on us
    }
    return true;
}

void Engine::openHistory()
{
    m_history = std::make_unique<History>();
    QString error;
    QString notice;
    if (!m_history->open(History::defaultPath(), &error, &notice)) {
        enginelog::line(QStringLiteral("warning: %1; jobs are not recorded").arg(error));
        m_history.reset();
        return;
    }
    if (!notice.isEmpty())
        enginelog::line(QStringLiteral("warning: %1").arg(notice));
    connect(m_history.get(), &History::writeStalled, this, [](const QString &reason) {
        enginelog::line(QStringLiteral("warning: %1").arg(reason));
    });
}

bool Engine::start(QString *error)
{
    if (!enginepaths::prepareRuntimeDir(error) || !takeLock(error))
        return false;
    openHistory();
    m_core = std::make_unique<EngineCore>(m_history.get());
    m_server = std::make_unique<EngineServer>(m_core.get(), hello());
    m_notifier = std::make_unique<EngineNotifier>(m_core.get());
    if (!m_server->listen(error))
        return false;
    connect(m_server.get(), &EngineServer::stopRequested, this,
            [this] { stop(QStringLiteral("a client asked")); });
    connect(m_server.get(), &EngineServer::retireRequested, this, &Engine::retire);
    connect(m_server.get(), &EngineServer::clientCountChanged, this, &Engine::checkIdle);
    Scheduler &scheduler = m_core->scheduler();
    connect(&scheduler, &Scheduler::jobsInserted, this, &Engine::checkIdle);
    connect(&scheduler, &Scheduler::idle, this, &Engine::checkIdle);
    connect(&scheduler, &Scheduler::idle, this, &Engine::finishWhenDone);
    connect(&scheduler, &Scheduler::idle, this, &Engine::retireWhenIdle);
    connect(&scheduler, &Scheduler::idle, &m_trimTimer, qOverload<>(&QTimer::start));
    enginelog::line(QStringLiteral("listening on %1 (idle exit after %2 s)")
                            .arg(enginepaths::socketPath())
                            .arg(m_idleExitMs / 1000.0));
    checkIdle();
    return true;
}

QCborMap Engine::hello() const
{
    // Which program runs, and when it was built (its file's time when it started): a client
    // finding a newer file there offers to restart the engine once it is idle.
    const QFileInfo program(QCoreApplication::applicationFilePath());
    return {{QStringLiteral("version"), protocol::kVersion},
            {QStringLiteral("follows_at_once"), FollowStreams::kMostAtOnce},
            {QStringLiteral("engine_pid"), qint64(::getpid())},
            {QStringLiteral("started"), m_started.toString(Qt::ISODate)},
            {QStringLiteral("engine_path"), program.absoluteFilePath()},
            {QStringLiteral("engine_built"),
             program.lastModified().toUTC().toString(Qt::ISODateWithMs)}};
}

void Engine::retire()
{
    if (m_stops > 0 || m_retiring)
        return;
    m_retiring = true;
    m_core->refuseSubmits(QStringLiteral("the engine ends once its jobs have (a newer one is "
                                         "installed and starts then): it takes no more jobs"));
    enginelog::line(QStringLiteral("retiring: a client asked; it stops once no job is queued, "
                                   "running or paused"));
    m_server->tellRetiring();
    QMetaObject::invokeMethod(this, &Engine::retireWhenIdle, Qt::QueuedConnection);
}

void Engine::retireWhenIdle()
{
    if (m_retiring && m_stops == 0 && m_core->isIdle())
        stop(QStringLiteral("retired: its jobs have ended"));
}

void Engine::checkIdle()
{
    const bool idle = m_stops == 0 && m_core->isIdle() && m_server->clientCount() == 0;
    if (!idle || m_idleExitMs <= 0)
        m_idleTimer.stop();
    else if (!m_idleTimer.isActive())
        m_idleTimer.start(m_idleExitMs);
}

void Engine::stop(const QString &why)
{
    ++m_stops;
    Scheduler &scheduler = m_core->scheduler();
    if (m_stops == 1) {
        enginelog::line(QStringLiteral("stopping (%1): SIGTERM to every job, SIGKILL after its "
                                       "grace")
                                .arg(why));
        m_idleTimer.stop();
        m_server->close(); // nobody new; those attached see the connection close as we exit
        m_core->refuseSubmits(QStringLiteral("the engine is stopping: it takes no more jobs"));
        scheduler.shutdown();
    } else {
        enginelog::line(QStringLiteral("stopping now (%1): SIGKILL to every job").arg(why));
        scheduler.shutdownNow();
    }
    // From the event loop: the shutdown's first step may already have left nothing running.
    QMetaObject::invokeMethod(this, &Engine::finishWhenDone, Qt::QueuedConnection);
}

void Engine::finishWhenDone()
{
    if (m_stops == 0 || !m_core->isIdle())
        return;
    if (m_history) {
        if (const QString message = m_history->close(); !message.isEmpty())
            enginelog::line(QStringLiteral("warning: %1").arg(message));
        m_history.reset();
    }
    enginelog::line(QStringLiteral("stopped"));
    QCoreApplication::exit(0);
}

void Engine::giveBackFreedMemory()
{
    // The engine lives for hours: a batch's transient memory (its submit, the history's queue,
    // the pipes' buffers on the pump's thread) is freed in the middle of glibc's heaps, which
    // keep it. 100,000 jobs: 20 % of the engine's resident memory.
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}
