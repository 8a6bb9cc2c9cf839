// What procdeck-engine must survive (issue 25): two clients starting it at once, kill -9 (the
// guardian ends the jobs), malformed frames and dropped connections (only that connection
// goes), and a peer of another uid (refused).
#include "core/protocol/framereader.h"
#include "core/protocol/protocol.h"
#include "enginetest.h"

#include <QCborArray>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocalSocket>
#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

#include <memory>
#include <vector>

#include <unistd.h>

using enginetest::Home;

namespace {

QByteArray hello()
{
    return procdeck::protocol::encode(procdeck::protocol::message(
            procdeck::protocol::type::hello, {{QStringLiteral("version"), 1}}));
}

/// Sends `bytes` on a connection of its own and reads until the engine closes it (bounded):
/// what the engine said, and whether it closed.
QByteArray sendAndListen(const QString &socketPath, const QByteArray &bytes, bool *closed)
{
    QLocalSocket s;
    s.connectToServer(socketPath);
    *closed = false;
    if (!s.waitForConnected(10000))
        return {};
    s.write(bytes);
    s.waitForBytesWritten(10000);
    QByteArray got;
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (s.state() != QLocalSocket::ConnectedState && s.bytesAvailable() == 0) {
            *closed = true;
            break;
        }
        if (s.bytesAvailable() > 0 || s.waitForReadyRead(100))
            got += s.readAll();
    }
    return got;
}

QString lastErrorIn(const QByteArray &bytes)
{
    procdeck::FrameReader reader;
    reader.feed(bytes);
    QCborMap m;
    QString error;
    QString reason;
    while (reader.next(&m, &error) == procdeck::FrameReader::Result::Message) {
        if (procdeck::protocol::typeOf(m) == procdeck::protocol::type::error)
            reason = m.value(QStringLiteral("reason")).toString();
    }
    return reason;
}

QByteArray lengthOnly(quint32 length)
{
    QByteArray b(4, Qt::Uninitialized);
    qToBigEndian<quint32>(length, b.data());
    return b;
}

} // namespace

class TestEngineRobust : public QObject
{
    Q_OBJECT

private slots:
    void twoClientsStartingAtOnceMakeOneEngine()
    {
        Home home;
        QProcess a;
        QProcess b;
        home.start(a, {"--detach", "--shell", "exit 0"});
        home.start(b, {"--detach", "--shell", "exit 0"});
        const clitest::Result ra = clitest::finish(a);
        const clitest::Result rb = clitest::finish(b);
        QCOMPARE(ra.exitCode, 0);
        QCOMPARE(rb.exitCode, 0);
        QCOMPARE(QList<QByteArray>({ra.out, rb.out}).count("1\n"), 1); // one queue numbers both
        QCOMPARE(home.status().value("jobs").toArray().size(), 2);
        // One was started at all: the second client found the first's engine under the lock.
        QCOMPARE(home.log().count(QStringLiteral("starting (procdeck-engine")), 1);
        QCOMPARE(home.log().count(QStringLiteral("listening on")), 1);
    }

    void killedEngineLeavesNoJobProcess()
    {
        Home home;
        const QString job = home.path("state") + QStringLiteral("/job");
        const QString escapee = home.path("state") + QStringLiteral("/escapee");
        home.cli({"--detach", "--shell",
                  QStringLiteral("echo $$ > %1; setsid sh -c 'echo $$ > %2; sleep 301' & sleep 300")
                          .arg(job, escapee)});
        QTRY_VERIFY_WITH_TIMEOUT(
                enginetest::pidInFile(job) > 0 && enginetest::pidInFile(escapee) > 0, 20000);
        // Recorded as running first: a row not yet written has nothing to mark.
        QTRY_VERIFY_WITH_TIMEOUT(home.cli({"--history", "--json"}).out.contains("\"running\""),
                                 20000);
        const qint64 engine = home.status().value("engine_pid").toInteger();
        QVERIFY(enginetest::alive(engine));
        QCOMPARE(::kill(pid_t(engine), SIGKILL), 0);
        // The guardian: SIGTERM to the trees at once, SIGKILL 1 s later (the 2 s).
        QTRY_VERIFY_WITH_TIMEOUT(!enginetest::alive(enginetest::pidInFile(job))
                                         && !enginetest::alive(enginetest::pidInFile(escapee)),
                                 10000);
        QVERIFY(!enginetest::alive(engine));
        // The next engine's history marks the job interrupted, once.
        const clitest::Result again = home.cli({"--detach", "--shell", "exit 0"});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(home.cli({"--stop-engine"}).exitCode, 0); // its history closed: every row in
        QStringList states;
        for (const QByteArray &line : home.cli({"--history", "--json"}).out.split('\n')) {
            const QJsonObject row = QJsonDocument::fromJson(line).object();
            if (row.value("command").toString().startsWith("echo $$"))
                states << row.value("state").toString();
        }
        QCOMPARE(states, QStringList{"interrupted"});
    }

    void idleEngineExits()
    {
        Home home;
        home.setEnv("PROCDECK_ENGINE_IDLE_EXIT", "0.5");
        // The job ends when the test says: a job of a fixed time could end, and the engine
        // with it, before a slow procdeck-cli (ASan at load 12) asked for the engine's pid.
        const QString go = home.path("state") + QStringLiteral("/go");
        const QString job = QStringLiteral("while [ ! -e %1 ]; do sleep 0.05; done").arg(go);
        QCOMPARE(home.cli({"--detach", "--shell", job}).exitCode, 0);
        const qint64 engine = home.status().value("engine_pid").toInteger();
        QVERIFY(engine > 0);
        QVERIFY(QFile(go).open(QIODevice::WriteOnly));
        QTRY_VERIFY_WITH_TIMEOUT(!enginetest::alive(engine), 20000);
        QVERIFY2(home.log().contains("stopping (idle for 0.5 s: no job and no client)"),
                 qPrintable(home.log()));
    }

    void secondSigtermKillsAtOnce()
    {
        Home home;
        const QString job = home.path("state") + QStringLiteral("/job");
        home.cli({"--detach", "--grace", "60", "--shell",
                  QStringLiteral("trap '' TERM; echo $$ > %1; sleep 120").arg(job)});
        QTRY_VERIFY_WITH_TIMEOUT(enginetest::pidInFile(job) > 0, 20000);
        const qint64 engine = home.status().value("engine_pid").toInteger();
        QCOMPARE(::kill(pid_t(engine), SIGTERM), 0);
        QTRY_VERIFY_WITH_TIMEOUT(home.log().contains("stopping (SIGTERM)"), 20000);
        QVERIFY(enginetest::alive(enginetest::pidInFile(job))); // it ignores TERM: 60 s of grace
        QCOMPARE(::kill(pid_t(engine), SIGTERM), 0);
        // Far within the grace: SIGKILL now, and the engine goes once its job has.
        QTRY_VERIFY_WITH_TIMEOUT(!enginetest::alive(engine), 20000);
        QVERIFY(!enginetest::alive(enginetest::pidInFile(job)));
        QVERIFY(home.log().contains("stopping now (SIGTERM): SIGKILL to every job"));
    }

    void malformedInputClosesOnlyItsConnection_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason"); // empty: closed without a word (cut short)
        QRandomGenerator random(2500);
        QByteArray noise(4096, Qt::Uninitialized);
        for (char &c : noise)
            c = char(random.bounded(256));
        noise.replace(0, 4, "\x7f\xff\xff\xff"); // a length past the bound, whatever follows
        QTest::newRow("random bytes") << noise << "a frame of 2147483647 bytes (at most 16777216)";
        QTest::newRow("4 GiB") << lengthOnly(0xffffffffu)
                               << "a frame of 4294967295 bytes (at most 16777216)";
        QTest::newRow("not CBOR") << lengthOnly(3) + QByteArray("\xff\xff\xff", 3)
                                  << "a frame that is not one CBOR item (Invalid CBOR stream: "
                                     "unexpected 'break' byte)";
        QTest::newRow("no hello first")
                << procdeck::protocol::encode(procdeck::protocol::message("status"))
                << "the first message must be hello, not 'status'";
        QTest::newRow("wrong version") << procdeck::protocol::encode(
                procdeck::protocol::message("hello", { { "version", 99 } }))
                                       << "this engine speaks protocol version 1, not 99";
        QTest::newRow("a type nobody knows")
                << hello() + procdeck::protocol::encode(procdeck::protocol::message("bogus"))
                << "unknown message type 'bogus'";
        QTest::newRow("jobs of the wrong type")
                << hello() + procdeck::protocol::encode(procdeck::protocol::message(
                           "kill", {{"jobs", "all of them"}}))
                << "'jobs' is not an array of job numbers";
    }

    void malformedInputClosesOnlyItsConnection()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        Home home;
        QCOMPARE(home.cli({"--detach", "--shell", "sleep 1; echo done"}).out, QByteArray("1\n"));
        bool closed = false;
        const QByteArray said = sendAndListen(home.socketPath(), bytes, &closed);
        QVERIFY(closed);
        QCOMPARE(lastErrorIn(said), reason);
        // The job runs on and ends as it would have; the engine answers everyone else.
        QCOMPARE(home.cli({"--follow", "1"}).out, QByteArray("done\n"));
        QCOMPARE(home.stateOf(1), QStringLiteral("finished"));
    }

    void refusedSubmitKeepsTheConnection()
    {
        Home home;
        home.cli({"--status"}); // no engine yet: status starts none
        QVERIFY(!QFile::exists(home.socketPath()));
        QCOMPARE(home.cli({"--detach", "--shell", "exit 0"}).exitCode, 0);
        bool closed = false;
        const QByteArray said = sendAndListen(
                home.socketPath(),
                hello()
                        + procdeck::protocol::encode(procdeck::protocol::message(
                                "submit", {{"jobs", QCborArray{QCborMap{{"timeout_s", "x"}}}}}))
                        + procdeck::protocol::encode(procdeck::protocol::message("stop"))
                        + procdeck::protocol::encode(procdeck::protocol::message(
                                "submit", {{"jobs", QCborArray{QCborMap{{"command", "true"}}}}})),
                &closed);
        // Refused, and the connection still took the next request (which stopped the engine).
        QVERIFY(said.contains("refused"));
        QVERIFY(said.contains("stopping"));
        // A stopping engine takes no more: a job queued now would hold its exit up.
        QVERIFY(said.contains("the engine is stopping: it takes no more jobs"));
        QVERIFY(closed);
    }

    void thousandConnectionsOpenedAndDropped()
    {
        Home home;
        QCOMPARE(home.cli({"--detach", "--shell", "sleep 1; echo done"}).out, QByteArray("1\n"));
        for (int i = 0; i < 1000; ++i) {
            QLocalSocket s;
            s.connectToServer(home.socketPath());
            QVERIFY(s.waitForConnected(10000));
            if (i % 2)
                s.write(hello().left(5)); // a frame cut short
            s.waitForBytesWritten(1000);
            s.abort();
        }
        QCOMPARE(home.cli({"--follow", "1"}).out, QByteArray("done\n"));
        QCOMPARE(home.status().value("jobs").toArray().size(), 1);
    }

    void clientsPastTheBoundAreRefused()
    {
        Home home;
        QCOMPARE(home.cli({"--detach", "--shell", "exit 0"}).exitCode, 0);
        std::vector<std::unique_ptr<QLocalSocket>> held;
        for (int i = 0; i < 256; ++i) {
            held.push_back(std::make_unique<QLocalSocket>());
            held.back()->connectToServer(home.socketPath());
            QVERIFY(held.back()->waitForConnected(10000));
        }
        // The 257th is refused as it is accepted, before it says anything: it only listens (a
        // hello written after the engine closed fails, and the socket then drops what it read).
        bool closed = false;
        const QByteArray said = sendAndListen(home.socketPath(), QByteArray(), &closed);
        QVERIFY(closed);
        QCOMPARE(lastErrorIn(said), QStringLiteral("256 clients are attached already"));
        held.clear(); // they go, and the engine serves again
        QTRY_COMPARE_WITH_TIMEOUT(home.status().value("clients").toInt(), 1, 20000);
    }

    void anotherUserIsRefused()
    {
        if (::getuid() != 0)
            QSKIP("runs a client as nobody with runuser, which needs root");
        Home home;
        QCOMPARE(home.cli({"--detach", "--shell", "exit 0"}).exitCode, 0);
        // procdeck-cli as nobody does not take a folder of root's for its own.
        QProcess client;
        client.setProcessEnvironment(home.env());
        client.start("runuser", {"-u", "nobody", "--", clitest::cliPath(), "--status"});
        const clitest::Result r = clitest::finish(client);
        QCOMPARE(r.exitCode, 255);
        QVERIFY2(r.err.startsWith("procdeck-cli: ") && r.err.count('\n') == 1, r.err);
        // A peer that reaches the socket all the same (the folder opened) is refused by uid.
        QVERIFY(QFile::setPermissions(home.path("run") + "/procdeck",
                                      QFileDevice::Permissions(0x7711)));
        QVERIFY(QFile::setPermissions(home.socketPath(), QFileDevice::Permissions(0x7777)));
        QVERIFY(QFile::setPermissions(home.path("run"), QFileDevice::Permissions(0x7711)));
        QVERIFY(QFile::setPermissions(QFileInfo(home.path("run")).absolutePath(),
                                      QFileDevice::Permissions(0x7711)));
        QProcess raw;
        raw.start("runuser", {"-u", "nobody", "--", "/usr/bin/python3", "-c",
                              "import socket,sys; s=socket.socket(socket.AF_UNIX); "
                              "s.connect(sys.argv[1])\n"
                              "try:\n s.sendall(bytes.fromhex(sys.argv[2])); n=len(s.recv(1000))\n"
                              "except OSError: n=0\n"
                              "print(n)",
                              home.socketPath(), QString::fromLatin1(hello().toHex())});
        const clitest::Result rr = clitest::finish(raw);
        QCOMPARE(rr.err, QByteArray());
        QCOMPARE(rr.out, QByteArray("0\n")); // closed without a hello
        QTRY_VERIFY_WITH_TIMEOUT(home.log().contains("refused a connection from uid 65534"), 10000);
        QCOMPARE(home.status().value("jobs").toArray().size(), 1); // the owner is served
    }
};

QTEST_GUILESS_MAIN(TestEngineRobust)
#include "tst_enginerobust.moc"
