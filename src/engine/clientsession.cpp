#include "clientsession.h"

#include "core/models/recordframe.h"
#include "core/client/prioritymessage.h"
#include "core/process/jobpriority.h"
#include "core/process/jobsignals.h"
#include "core/protocol/peerconnection.h"
#include "core/protocol/protocol.h"
#include "enginecore.h"
#include "followstreams.h"
#include "watchstream.h"
#include "types/cborkey.h"

#include <QCborArray>
#include <QDir>

#include <csignal>

using namespace procdeck;
namespace type = procdeck::protocol::type;

namespace {

constexpr int kHelloWithinMs = 10000;
constexpr int kStatusPage = 500;
constexpr qint64 kMostParallel = EngineCore::kMostParallel;

QString joined(const QList<int> &numbers)
{
    QStringList words;
    for (int n : numbers)
        words << QString::number(n);
    return words.join(QStringLiteral(", "));
}

} // namespace

ClientSession::ClientSession(PeerConnection *peer, EngineCore *core, QCborMap hello,
                             std::function<int()> clients, QObject *parent)
    : QObject(parent),
      m_peer(peer),
      m_core(core),
      m_hello(std::move(hello)),
      m_clients(std::move(clients))
{
    m_peer->setParent(this);
    m_follows = new FollowStreams(core, m_peer, this);
    connect(m_peer, &PeerConnection::messageReceived, this, &ClientSession::onMessage);
    connect(m_peer, &PeerConnection::closed, this, &ClientSession::finished);
    connect(m_peer, &PeerConnection::gone, this, &ClientSession::gone);
    connect(m_peer, &PeerConnection::drained, this, &ClientSession::sendStatusPages);
    // A cancelled job ends without running: any state change may complete a wait.
    connect(&core->scheduler(), &Scheduler::jobStateChanged, this, &ClientSession::answerWaits);
    // A connection that never says hello holds nothing for long.
    m_helloTimer.setSingleShot(true);
    connect(&m_helloTimer, &QTimer::timeout, this,
            [this] { m_peer->closeWith(QStringLiteral("no hello within 10 s")); });
    m_helloTimer.start(kHelloWithinMs);
}

ClientSession::~ClientSession()
{
    // A wait whose export is being written is off the list, not yet answered.
    m_core->addPendingWaits(-int(m_waits.size()) - (m_exportingWait ? 1 : 0));
}

void ClientSession::onMessage(const QCborMap &message)
{
    const QString kind = protocol::typeOf(message);
    if (!m_greeted) {
        onHello(message);
        return;
    }
    if (kind == type::submit)
        onSubmit(message);
    else if (kind == type::status)
        onStatus();
    else if (kind == type::follow)
        m_follows->follow(message);
    else if (kind == type::unfollow)
        m_follows->unfollow(message);
    else if (kind == type::watch)
        onWatch();
    else if (kind == type::wait)
        onWait(message);
    else if (kind == type::kill || kind == type::pause || kind == type::resume
             || kind == type::signal || kind == type::priority || kind == type::order)
        onSteer(kind, message);
    else if (kind == type::exportRuns)
        onExport(message);
    else if (kind == type::again)
        onAgain(message);
    else if (kind == type::parallel)
        onParallel(message);
    else if (kind == type::stop) {
        m_peer->send(protocol::message(type::stopping));
        emit stopRequested();
    } else if (kind == type::retire) {
        emit retireRequested(); // `retiring` comes to every client (tellRetiring())
    } else
        m_peer->closeWith(QStringLiteral("unknown message type '%1'").arg(kind));
}

void ClientSession::onHello(const QCborMap &message)
{
    if (protocol::typeOf(message) != type::hello) {
        m_peer->closeWith(QStringLiteral("the first message must be hello, not '%1'")
                                  .arg(protocol::typeOf(message)));
        return;
    }
    const qint64 version = message.value(cborKey("version")).toInteger(-1);
    if (version != protocol::kVersion) {
        m_peer->closeWith(QStringLiteral("this engine speaks protocol version %1, not %2")
                                  .arg(protocol::kVersion)
                                  .arg(version));
        return;
    }
    m_greeted = true;
    m_helloTimer.stop();
    QCborMap hello = m_hello;
    hello.insert(cborKey("max_parallel"), m_core->scheduler().maxParallel());
    m_peer->send(protocol::message(type::hello, hello));
}

void ClientSession::tellRetiring()
{
    if (m_greeted)
        m_peer->send(protocol::message(type::retiring));
    else
        m_hello.insert(cborKey("retiring"), true); // said in the hello it has yet to get
}

void ClientSession::onParallel(const QCborMap &message)
{
    const QCborValue asked = message.value(cborKey("max_parallel"));
    if (!asked.isInteger() || asked.toInteger() < 1 || asked.toInteger() > kMostParallel) {
        refuse(QStringLiteral("max_parallel: expected a job count from 1 to %1")
                       .arg(kMostParallel));
        return;
    }
    m_core->scheduler().setMaxParallel(int(asked.toInteger()));
    // Its answer; watchers (this one too, if it watches) hear of a change as it happens.
    m_peer->send(protocol::message(type::parallel, {{cborKey("max_parallel"),
                                                     m_core->scheduler().maxParallel()}}));
}

void ClientSession::refuse(const QString &reason)
{
    m_peer->send(protocol::message(type::refused, {{cborKey("reason"), reason}}));
}

void ClientSession::onSubmit(const QCborMap &message)
{
    QString error;
    const QList<int> numbers = m_core->submit(message, &error);
    answerQueued(numbers, error);
}

void ClientSession::answerQueued(const QList<int> &numbers, const QString &error)
{
    if (numbers.isEmpty())
        refuse(error);
    else
        m_peer->send(protocol::message(type::submitted,
                                       {{cborKey("numbers"), protocol::numberArray(numbers)}}));
}

void ClientSession::onStatus()
{
    if (m_statusNext >= 0) {
        refuse(QStringLiteral("a status is under way on this connection"));
        return;
    }
    QCborMap head = m_hello;
    head.insert(cborKey("count"), m_core->scheduler().count());
    head.insert(cborKey("clients"), m_clients());
    head.insert(cborKey("waits"), m_core->pendingWaits());
    m_peer->send(protocol::message(type::status, head));
    m_statusNext = 0;
    sendStatusPages();
}

void ClientSession::sendStatusPages()
{
    const Scheduler &scheduler = m_core->scheduler();
    while (m_statusNext >= 0 && m_peer->wantsMore()) {
        RecordFrame page(type::jobs);
        const int end = qMin(scheduler.count(), m_statusNext + kStatusPage);
        for (; m_statusNext < end; ++m_statusNext)
            page.add(*scheduler.jobAt(m_statusNext));
        if (page.count() > 0)
            m_peer->sendFrame(page.finish());
        if (m_statusNext >= scheduler.count()) {
            m_statusNext = -1;
            m_peer->send(protocol::message(type::end));
        }
    }
}

bool ClientSession::readNumbers(const QCborMap &message, QList<int> *numbers)
{
    const QCborValue list = message.value(cborKey("jobs"));
    if (!list.isArray() && !list.isUndefined()) {
        m_peer->closeWith(QStringLiteral("'jobs' is not an array of job numbers"));
        return false;
    }
    for (const QCborValue &n : list.toArray()) {
        if (!n.isInteger() || n.toInteger() <= 0 || n.toInteger() > INT_MAX) {
            m_peer->closeWith(QStringLiteral("'jobs' is not an array of job numbers"));
            return false;
        }
        *numbers << int(n.toInteger());
    }
    if (const QList<int> unknown = m_core->unknown(*numbers); !unknown.isEmpty()) {
        refuse(QStringLiteral("no job %1").arg(joined(unknown)));
        return false;
    }
    return true;
}

void ClientSession::onWatch()
{
    if (m_watch) {
        refuse(QStringLiteral("a watch is under way on this connection"));
        return;
    }
    m_watch = new WatchStream(&m_core->scheduler(), m_peer, this);
}

void ClientSession::onWait(const QCborMap &message)
{
    Wait wait;
    if (!readNumbers(message, &wait.numbers))
        return;
    if (wait.numbers.isEmpty())
        wait.numbers = m_core->aliveNumbers();
    wait.exportPath = message.value(cborKey("export")).toString();
    wait.exportFormat = message.value(cborKey("export_format")).toString();
    m_waits << wait;
    m_core->addPendingWaits(1);
    answerWaits();
}

void ClientSession::answerWaits()
{
    // Answers go in the order asked: the first wait holds those after it. Each look goes on
    // from where the last stopped (a wait on 100,000 jobs looked at all of them at every end),
    // and once all were seen ended they are looked at again from the start, since a try that
    // ended may have been retried since.
    while (!m_waits.isEmpty() && !m_exportingWait) {
        Wait &first = m_waits.first();
        first.endedBefore = m_core->firstAlive(first.numbers, first.endedBefore);
        if (first.endedBefore == first.numbers.size())
            first.endedBefore = m_core->firstAlive(first.numbers, 0);
        if (first.endedBefore < first.numbers.size())
            return;
        const Wait wait = m_waits.takeFirst();
        QCborMap answer{{cborKey("jobs"), protocol::numberArray(wait.numbers)},
                        {cborKey("exit_status"), m_core->waitStatus(wait.numbers)}};
        if (wait.exportPath.isEmpty()) {
            m_core->addPendingWaits(-1);
            m_peer->send(protocol::message(type::waited, answer));
            continue;
        }
        // Answered once its export is written; the waits after it wait for that.
        m_exportingWait = true;
        m_core->writeExport(wait.numbers, wait.exportPath, wait.exportFormat, this,
                            [this, answer](const QString &error) mutable {
                                m_exportingWait = false;
                                m_core->addPendingWaits(-1);
                                answer.insert(cborKey("export_error"), error);
                                m_peer->send(protocol::message(type::waited, answer));
                                answerWaits();
                            });
    }
}

std::function<QString(Job *)> ClientSession::steering(const QString &kind,
                                                     const QCborMap &message, QString *error)
{
    Scheduler &s = m_core->scheduler();
    const auto stateWords = [](const Job *job) {
        return QStringLiteral("it is %1").arg(stateKey(job->state()));
    };
    if (kind == type::kill)
        return [&s](Job *job) {
            s.kill(job);
            return QString();
        };
    if (kind == type::pause || kind == type::resume) {
        const bool pause = kind == type::pause;
        return [&s, pause, stateWords](Job *job) {
            return (pause ? s.pause(job) : s.resume(job)) ? QString() : stateWords(job);
        };
    }
    if (kind == type::priority) {
        // Issue 25: the window's Priority… on a job the engine runs; JobPriority's policy here.
        JobPriority::Request request;
        if (!prioritymessage::read(message, &request, error))
            return {};
        return [request](Job *job) { return JobPriority::apply(job, request); };
    }
    if (kind == type::order) {
        // Move to top/bottom of queue, as the window's own: one job at a time, so the last one
        // asked ends at the front (or the back).
        const QString to = message.value(cborKey("to")).toString();
        if (to != QLatin1String("front") && to != QLatin1String("back")) {
            *error = QStringLiteral("order: 'to' is \"front\" or \"back\", not '%1'").arg(to);
            return {};
        }
        return [&s, front = to == QLatin1String("front"), stateWords](Job *job) {
            if (job->state() != JobState::Queued)
                return stateWords(job);
            front ? s.moveToFront({job}) : s.moveToBack({job});
            return QString();
        };
    }
    // `signal` N to each tree (issue 26.3): JobSignals' policy (STOP pauses, CONT resumes).
    const qint64 sig = message.value(cborKey("signal")).toInteger(0);
    if (sig < 1 || sig > SIGRTMAX) {
        *error = QStringLiteral("no signal %1").arg(sig);
        return {};
    }
    return [sig](Job *job) { return JobSignals::send(job, int(sig)); };
}

void ClientSession::onSteer(const QString &kind, const QCborMap &message)
{
    QList<int> numbers;
    if (!readNumbers(message, &numbers))
        return;
    QString error;
    const std::function<QString(Job *)> act = steering(kind, message, &error);
    if (!act)
        return m_peer->send(protocol::message(type::refused, {{cborKey("reason"), error}}));
    QCborArray done;
    QCborArray notDone;
    for (int n : std::as_const(numbers)) {
        Job *job = m_core->lastTry(m_core->job(n));
        if (const QString reason = act(job); reason.isEmpty())
            done << n;
        else
            notDone << QCborMap{{cborKey("job"), n}, {cborKey("reason"), reason}};
    }
    m_peer->send(protocol::message(type::steered,
                                   {{cborKey("done"), done}, {cborKey("not_done"), notDone}}));
}

void ClientSession::onExport(const QCborMap &message)
{
    QList<int> numbers;
    if (!readNumbers(message, &numbers))
        return;
    if (numbers.isEmpty())
        numbers = m_core->allNumbers();
    const QString path = message.value(cborKey("path")).toString();
    if (!QDir::isAbsolutePath(path))
        return refuse(QStringLiteral("export: '%1' is not an absolute path").arg(path));
    // Written now, whatever state the jobs are in (a running job as running), as the window's
    // own export does; `wait` with `export` is the one that waits for the end.
    // Answered once written, on a worker thread: other clients are served meanwhile.
    const qsizetype count = numbers.size();
    m_core->writeExport(numbers, path, message.value(cborKey("export_format")).toString(), this,
                        [this, path, count](const QString &error) {
                            m_peer->send(protocol::message(type::exported,
                                                           {{cborKey("path"), path},
                                                            {cborKey("count"), count},
                                                            {cborKey("error"), error}}));
                        });
}

void ClientSession::onAgain(const QCborMap &message)
{
    QList<int> numbers;
    if (!readNumbers(message, &numbers))
        return;
    QString error;
    const QList<int> added = m_core->runAgain(numbers, &error);
    answerQueued(added, error);
}
