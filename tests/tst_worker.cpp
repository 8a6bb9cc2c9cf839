// procdeck-cli --worker (issue 28.3) through pipes: the frames of docs/protocol.md in and out,
// the jobs run with the engine's guarantees, and its connection's end ending its jobs.

#include "clitest.h"
#include "testutil.h"

#include "core/protocol/framereader.h"
#include "core/protocol/protocol.h"

#include <QCborArray>
#include <QCborMap>
#include <QSysInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using namespace procdeck;

namespace {

constexpr int kDeadlineMs = 60000;

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

/// A procdeck-cli --worker and what it said, frame by frame.
class Worker
{
public:
    Worker()
    {
        m_process.start(clitest::cliPath(), {QStringLiteral("--worker")});
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, [this] {
            m_reader.feed(m_process.readAllStandardOutput());
            QCborMap message;
            QString error;
            while (m_reader.next(&message, &error) == FrameReader::Result::Message)
                m_messages << message;
            if (!error.isEmpty())
                m_broken = error;
        });
    }
    ~Worker()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    void send(const QCborMap &message) { m_process.write(protocol::encode(message)); }
    void run(qint64 id, const QJsonObject &spec)
    {
        send(protocol::message(protocol::type::run,
                               {{key("job"), id},
                                {key("spec"), QCborMap::fromJsonObject(spec)}}));
    }
    /// The first message of `type` about job `id` (-1: any), waited for; empty if none came.
    QCborMap waitFor(const QString &type, qint64 id = -1, int deadlineMs = kDeadlineMs)
    {
        QCborMap found;
        const auto look = [&] {
            for (const QCborMap &m : std::as_const(m_messages)) {
                if (protocol::typeOf(m) == type
                    && (id < 0 || m.value(key("job")).toInteger() == id)) {
                    found = m;
                    return true;
                }
            }
            return false;
        };
        QDeadlineTimer deadline(deadlineMs);
        while (!look() && !deadline.hasExpired() && m_process.state() != QProcess::NotRunning)
            m_process.waitForReadyRead(100);
        look();
        return found;
    }
    /// Every byte of job `id`'s `stream` sent so far, in order.
    QByteArray output(qint64 id, const char *stream) const
    {
        QByteArray out;
        for (const QCborMap &m : m_messages) {
            if (protocol::typeOf(m) == protocol::type::output
                && m.value(key("job")).toInteger() == id
                && m.value(key("stream")).toString() == QLatin1String(stream))
                out += m.value(key("data")).toByteArray();
        }
        return out;
    }
    QProcess &process() { return m_process; }
    QString broken() const { return m_broken; }

private:
    QProcess m_process;
    FrameReader m_reader;
    QList<QCborMap> m_messages;
    QString m_broken;
};

QJsonObject shellJob(const QString &line, double timeoutS = 0, double graceS = 2)
{
    QJsonObject o{{QStringLiteral("command"), line}, {QStringLiteral("grace_s"), graceS}};
    if (timeoutS > 0)
        o.insert(QStringLiteral("timeout_s"), timeoutS);
    return o;
}

bool allGone(const QList<QByteArray> &cmdlines)
{
    for (const QByteArray &c : cmdlines) {
        if (!testutil::processesNamed(c).isEmpty())
            return false;
    }
    return true;
}

} // namespace

class TestWorker : public QObject
{
    Q_OBJECT

private slots:
    void helloAndEnds();
    void tenMegabytesExact();
    void manyJobs();
    void timeoutEndsTheTree();
    void killAndSignal();
    void cutEndsItsJobs();
    void brokenFrameEndsIt();
};

void TestWorker::helloAndEnds()
{
    Worker w;
    const QCborMap hello = w.waitFor(protocol::type::hello);
    QCOMPARE(hello.value(key("version")).toInteger(), protocol::kVersion);
    QVERIFY(hello.value(key("worker_pid")).toInteger() > 0);
    QCOMPARE(hello.value(key("host")).toString(), QSysInfo::machineHostName());
    w.run(7, shellJob(QStringLiteral("echo out; echo err >&2; exit 3")));
    w.run(8, shellJob(QStringLiteral("kill -USR1 $$")));
    w.run(9, QJsonObject{{QStringLiteral("program"), QStringLiteral("true")}});
    w.run(10, QJsonObject{{QStringLiteral("program"), QStringLiteral("/nonexistent/x")}});
    const QCborMap failed = w.waitFor(protocol::type::ended, 7);
    QCOMPARE(failed.value(key("state")).toString(), QStringLiteral("failed"));
    QCOMPARE(failed.value(key("exit_code")).toInteger(), 3);
    QCOMPARE(w.output(7, "stdout"), QByteArray("out\n"));
    QCOMPARE(w.output(7, "stderr"), QByteArray("err\n"));
    QVERIFY(w.waitFor(protocol::type::started, 7).value(key("pid")).toInteger() > 0);
    const QCborMap record = failed.value(key("record")).toMap();
    QCOMPARE(record.value(key("host")).toString(), QSysInfo::machineHostName());
    QCOMPARE(record.value(key("exit_code")).toInteger(), 3);
    QVERIFY(!record.value(key("started")).toString().isEmpty());
    const QCborMap crashed = w.waitFor(protocol::type::ended, 8);
    QCOMPARE(crashed.value(key("state")).toString(), QStringLiteral("crashed"));
    QCOMPARE(crashed.value(key("signal")).toInteger(), SIGUSR1);
    const QCborMap finished = w.waitFor(protocol::type::ended, 9);
    QCOMPARE(finished.value(key("state")).toString(), QStringLiteral("finished"));
    QCOMPARE(finished.value(key("exit_code")).toInteger(), 0);
    const QCborMap notStarted = w.waitFor(protocol::type::ended, 10);
    QCOMPARE(notStarted.value(key("state")).toString(), QStringLiteral("failed_to_start"));
    QVERIFY(!notStarted.value(key("error")).toString().isEmpty());
    w.process().closeWriteChannel();
    QVERIFY(w.process().waitForFinished(kDeadlineMs));
    QCOMPARE(w.process().exitCode(), 0);
    QVERIFY(w.broken().isEmpty());
}

void TestWorker::tenMegabytesExact()
{
    QTemporaryDir dir;
    QByteArray bytes(10 * 1024 * 1024, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / 4);
    QFile file(dir.filePath(QStringLiteral("bytes")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
    file.close();
    Worker w;
    w.run(1, shellJob(QStringLiteral("cat %1; head -c 3000000 %1 >&2").arg(file.fileName())));
    const QCborMap ended = w.waitFor(protocol::type::ended, 1, 120000);
    QCOMPARE(ended.value(key("exit_code")).toInteger(), 0);
    QVERIFY(w.output(1, "stdout") == bytes); // not QCOMPARE: 10 MB in a failure message
    QVERIFY(w.output(1, "stderr") == bytes.left(3000000));
}

void TestWorker::manyJobs()
{
    // Past 64 ended jobs the worker drops them: never one still inside its own end.
    Worker w;
    constexpr int kJobs = 300;
    for (int id = 1; id <= kJobs; ++id)
        w.run(id, QJsonObject{{QStringLiteral("program"), QStringLiteral("true")}});
    for (int id = 1; id <= kJobs; ++id)
        QCOMPARE(w.waitFor(protocol::type::ended, id).value(key("state")).toString(),
                 QStringLiteral("finished"));
    w.process().closeWriteChannel();
    QVERIFY(w.process().waitForFinished(kDeadlineMs));
    QCOMPARE(w.process().exitCode(), 0);
}

void TestWorker::timeoutEndsTheTree()
{
    Worker w;
    // A child, a grandchild, an escapee in a session of its own: all of it goes at the timeout.
    w.run(1, shellJob(QStringLiteral("sleep 3117 & setsid sleep 3118 & sleep 3119"), 1.0, 1.0));
    const QCborMap ended = w.waitFor(protocol::type::ended, 1);
    QCOMPARE(ended.value(key("state")).toString(), QStringLiteral("timed_out"));
    QVERIFY(ended.value(key("timed_out")).toBool());
    QTRY_VERIFY_WITH_TIMEOUT(allGone({"sleep 3117", "sleep 3118", "sleep 3119"}), 20000);
    w.process().closeWriteChannel();
    QVERIFY(w.process().waitForFinished(kDeadlineMs));
}

void TestWorker::killAndSignal()
{
    Worker w;
    w.run(1, shellJob(QStringLiteral("sleep 3123")));
    w.run(2, shellJob(QStringLiteral("sleep 3124")));
    QVERIFY(!w.waitFor(protocol::type::started, 1).isEmpty());
    QVERIFY(!w.waitFor(protocol::type::started, 2).isEmpty());
    w.send(protocol::message(protocol::type::kill, {{key("jobs"), QCborArray{1, 99}}}));
    const QCborMap steered = w.waitFor(protocol::type::steered);
    QCOMPARE(steered.value(key("done")).toArray(), QCborArray{1});
    QCOMPARE(steered.value(key("not_done")).toArray().size(), 1);
    QCOMPARE(w.waitFor(protocol::type::ended, 1).value(key("state")).toString(),
             QStringLiteral("killed"));
    w.send(protocol::message(protocol::type::signal,
                             {{key("jobs"), QCborArray{2}}, {key("signal"), SIGUSR2}}));
    const QCborMap byUsr2 = w.waitFor(protocol::type::ended, 2);
    QCOMPARE(byUsr2.value(key("state")).toString(), QStringLiteral("killed"));
    QCOMPARE(byUsr2.value(key("signal")).toInteger(), SIGUSR2);
    QTRY_VERIFY_WITH_TIMEOUT(allGone({"sleep 3123", "sleep 3124"}), 20000);
}

void TestWorker::cutEndsItsJobs()
{
    Worker w;
    w.run(1, shellJob(QStringLiteral("sleep 3121; echo never")));
    // One that ignores SIGTERM (and so does its sleep): SIGKILL after the grace ends it.
    w.run(2, shellJob(QStringLiteral("trap '' TERM; sleep 3122; echo never"), 0, 1.0));
    w.run(3, shellJob(QStringLiteral("setsid sleep 3125 & wait")));
    for (int id : {1, 2, 3})
        QVERIFY(!w.waitFor(protocol::type::started, id).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!testutil::processesNamed("sleep 3125").isEmpty(), 20000);
    QVERIFY(!testutil::processesNamed("sleep 3122").isEmpty());
    w.process().closeWriteChannel();
    QVERIFY(w.process().waitForFinished(kDeadlineMs));
    QCOMPARE(w.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(w.process().exitCode(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(allGone({"sleep 3121", "sleep 3122", "sleep 3125"}), 20000);
}

void TestWorker::brokenFrameEndsIt()
{
    Worker w;
    w.run(1, shellJob(QStringLiteral("sleep 3126")));
    QVERIFY(!w.waitFor(protocol::type::started, 1).isEmpty());
    w.send(protocol::message(QStringLiteral("nonsense")));
    const QCborMap error = w.waitFor(protocol::type::error);
    QVERIFY2(error.value(key("reason")).toString().contains(QLatin1String("nonsense")),
             qPrintable(error.value(key("reason")).toString()));
    QVERIFY(w.process().waitForFinished(kDeadlineMs));
    QCOMPARE(w.process().exitCode(), 255);
    QTRY_VERIFY_WITH_TIMEOUT(allGone({"sleep 3126"}), 20000);
}

QTEST_GUILESS_MAIN(TestWorker)
#include "tst_worker.moc"
