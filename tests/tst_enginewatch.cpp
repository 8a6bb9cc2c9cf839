// "watch" (docs/protocol.md) against a real procdeck-engine: every job the engine has, then the
// records of the jobs that change, whoever changed them.
#include "enginetest.h"

#include "core/client/submitrequest.h"
#include "core/protocol/framereader.h"
#include "core/protocol/peerconnection.h"
#include "core/protocol/protocol.h"

#include <QCborArray>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTest>

#include "testutil.h"

using enginetest::Home;
using procdeck::PeerConnection;
namespace protocol = procdeck::protocol;

namespace {

constexpr int kManyJobsDeadlineMs = 300000;

/// A watcher: hello, watch (unless not `watching`), and every message kept in order.
class Watcher
{
public:
    explicit Watcher(const Home &home, bool watching = true)
    {
        auto *socket = new QLocalSocket;
        socket->connectToServer(home.socketPath());
        QVERIFY(socket->waitForConnected(10000));
        m_peer = std::make_unique<PeerConnection>(socket);
        QObject::connect(m_peer.get(), &PeerConnection::messageReceived,
                         [this](const QCborMap &m) { messages << m; });
        m_peer->send(protocol::message(protocol::type::hello,
                                       {{QStringLiteral("version"), protocol::kVersion},
                                        {QStringLiteral("client"), QStringLiteral("test")}}));
        if (watching)
            m_peer->send(protocol::message(protocol::type::watch));
    }
    void send(const QCborMap &message) { m_peer->send(message); }
    /// The messages of `type`, in order.
    QList<QCborMap> all(const QString &type) const
    {
        QList<QCborMap> out;
        std::copy_if(messages.begin(), messages.end(), std::back_inserter(out),
                     [&](const QCborMap &m) { return protocol::typeOf(m) == type; });
        return out;
    }

    /// The records of job `seq` in "changed" messages.
    QList<QCborMap> changesOf(int seq) const
    {
        QList<QCborMap> out;
        for (const QCborMap &m : messages) {
            if (protocol::typeOf(m) != protocol::type::changed)
                continue;
            for (const QCborValue &job : m.value(QStringLiteral("jobs")).toArray()) {
                if (job.toMap().value(QStringLiteral("seq")).toInteger() == seq)
                    out << job.toMap();
            }
        }
        return out;
    }
    /// Whether a "changed" record says job `seq` is in `state`.
    bool saw(int seq, const QString &state) const
    {
        for (const QCborMap &job : changesOf(seq)) {
            if (job.value(QStringLiteral("state")).toString() == state)
                return true;
        }
        return false;
    }
    int count(const QString &type) const
    {
        return int(std::count_if(messages.begin(), messages.end(),
                                 [&](const QCborMap &m) { return protocol::typeOf(m) == type; }));
    }

    QList<QCborMap> messages;

private:
    std::unique_ptr<PeerConnection> m_peer;
};

QString state(const QCborMap &job)
{
    return job.value(QStringLiteral("state")).toString();
}

} // namespace

class TestEngineWatch : public QObject
{
    Q_OBJECT

private slots:
    void aWatcherSeesAnotherClientsJobRunAndEnd()
    {
        Home home;
        QCOMPARE(home.cli({"--detach", "--shell", "exit 4"}).out, QByteArray("1\n"));
        QCOMPARE(home.cli({"--wait", "1"}).exitCode, 1);
        Watcher watcher(home);
        QTRY_COMPARE_WITH_TIMEOUT(watcher.count(protocol::type::end), 1, 20000);
        QCOMPARE(protocol::typeOf(watcher.messages.at(0)), protocol::type::hello);
        QCOMPARE(protocol::typeOf(watcher.messages.at(1)), protocol::type::jobs);
        const QCborArray first = watcher.messages.at(1).value(QStringLiteral("jobs")).toArray();
        QCOMPARE(first.size(), 1);
        QCOMPARE(first.at(0).toMap().value(QStringLiteral("seq")).toInteger(), 1);
        QCOMPARE(first.at(0).toMap().value(QStringLiteral("command")).toString(),
                 QStringLiteral("exit 4"));

        const QString go = home.path("state") + QStringLiteral("/go");
        const QString said = home.path("state") + QStringLiteral("/say");
        const QString job = QStringLiteral("while [ ! -e %1 ]; do sleep 0.05; done; echo first; "
                                           "while [ ! -e %2 ]; do sleep 0.05; done; exit 3")
                                    .arg(said, go);
        QCOMPARE(home.cli({"--detach", "--shell", job}).out, QByteArray("2\n"));
        QTRY_VERIFY_WITH_TIMEOUT(watcher.saw(2, QStringLiteral("running")), 20000);
        QCOMPARE(watcher.changesOf(2).last().value(QStringLiteral("stdout_bytes")).toInteger(), 0);
        // Output while it runs: a record with the byte count grown, the job still running.
        QFile(said).open(QIODevice::WriteOnly);
        QTRY_COMPARE_WITH_TIMEOUT(
                watcher.changesOf(2).last().value(QStringLiteral("stdout_bytes")).toInteger(), 6,
                20000);
        QCOMPARE(state(watcher.changesOf(2).last()), QStringLiteral("running"));
        QFile(go).open(QIODevice::WriteOnly);
        QTRY_VERIFY_WITH_TIMEOUT(watcher.saw(2, QStringLiteral("failed")), 20000);

        // Another job's end comes after: job 2 has not been sent again meanwhile.
        QCOMPARE(home.cli({"--detach", "--shell", "true"}).out, QByteArray("3\n"));
        QTRY_VERIFY_WITH_TIMEOUT(watcher.saw(3, QStringLiteral("finished")), 20000);
        const QList<QCborMap> records = watcher.changesOf(2);
        QCOMPARE(state(records.last()), QStringLiteral("failed"));
        QCOMPARE(records.last().value(QStringLiteral("exit_code")).toInteger(), 3);
        QCOMPARE(std::count_if(records.begin(), records.end(),
                               [](const QCborMap &r) { return state(r) == "failed"; }),
                 1);
        QVERIFY(watcher.changesOf(1).isEmpty()); // job 1 ended before the watch: listed only
        QCOMPARE(watcher.count(protocol::type::error), 0);
    }

    void theFirstListingComesInPagesOfFiveHundred()
    {
        Home home;
        QStringList args{"--detach", "true", ":::"};
        for (int i = 1; i <= 1001; ++i)
            args << QString::number(i);
        QCOMPARE(home.cli(args).exitCode, 0);
        Watcher watcher(home);
        QTRY_COMPARE_WITH_TIMEOUT(watcher.count(protocol::type::end), 1, 20000);
        QList<qint64> seqs;
        for (const QCborMap &m : std::as_const(watcher.messages)) {
            if (protocol::typeOf(m) == protocol::type::end)
                break;
            if (protocol::typeOf(m) != protocol::type::jobs)
                continue;
            const QCborArray page = m.value(QStringLiteral("jobs")).toArray();
            QVERIFY(page.size() <= 500);
            for (const QCborValue &job : page)
                seqs << job.toMap().value(QStringLiteral("seq")).toInteger();
        }
        QCOMPARE(watcher.count(protocol::type::jobs), 3);
        QCOMPARE(seqs.size(), 1001);
        for (int i = 0; i < seqs.size(); ++i)
            QCOMPARE(seqs.at(i), i + 1);
    }
    void aChangeOfParallelReachesEveryWatcher()
    {
        // The window's toolbar Parallel is the engine's one number: a window that changes it,
        // every other window hears it, and the engine's queue follows at once.
        Home home;
        QCOMPARE(home.cli({"--detach", "-j", "1", "sleep", ":::", "600", "601"}).out,
                 QByteArray("1\n2\n"));
        Watcher watcher(home);
        QTRY_COMPARE_WITH_TIMEOUT(watcher.count(protocol::type::end), 1, 20000);
        QCOMPARE(watcher.messages.at(0).value(QStringLiteral("max_parallel")).toInteger(), 1);
        // The records carry what ::: gave each job (the export's "values"; the Value column).
        const QCborArray listed = watcher.all(protocol::type::jobs).at(0)
                                          .value(QStringLiteral("jobs")).toArray();
        QCOMPARE(listed.at(1).toMap().value(QStringLiteral("values")).toArray(),
                 QCborArray{QStringLiteral("601")});
        Watcher asker(home, false);
        asker.send(protocol::message(protocol::type::parallel,
                                     {{QStringLiteral("max_parallel"), 2}}));
        QTRY_COMPARE_WITH_TIMEOUT(asker.count(protocol::type::parallel), 1, 20000);
        QCOMPARE(asker.all(protocol::type::parallel).at(0).value(QStringLiteral("max_parallel"))
                         .toInteger(),
                 2);
        QTRY_COMPARE_WITH_TIMEOUT(watcher.count(protocol::type::parallel), 1, 20000);
        QCOMPARE(watcher.all(protocol::type::parallel).at(0).value(QStringLiteral("max_parallel"))
                         .toInteger(),
                 2);
        QTRY_VERIFY_WITH_TIMEOUT(watcher.saw(2, QStringLiteral("running")), 20000);

        // Out of its words: refused, the limit unchanged, nobody told of a change.
        asker.send(protocol::message(protocol::type::parallel,
                                     {{QStringLiteral("max_parallel"), 0}}));
        QTRY_COMPARE_WITH_TIMEOUT(asker.count(protocol::type::refused), 1, 20000);
        QVERIFY(asker.all(protocol::type::refused).at(0).value(QStringLiteral("reason")).toString()
                        .contains(QStringLiteral("max_parallel")));
        Watcher late(home, false);
        QTRY_COMPARE_WITH_TIMEOUT(late.count(protocol::type::hello), 1, 20000);
        QCOMPARE(late.messages.at(0).value(QStringLiteral("max_parallel")).toInteger(), 2);
        QCOMPARE(watcher.count(protocol::type::parallel), 1);
        QCOMPARE(home.cli({"--kill", "1", "2"}).exitCode, 0);
    }

    void aBatchsOwnLimitLeavesTheEnginesAlone()
    {
        // A batch sent from the window's Batch form keeps its Max parallel to itself, as one
        // run in the window: the engine's limit (every window's toolbar) stays, and another
        // batch's jobs run beside it up to that.
        Home home;
        QCOMPARE(home.cli({"--detach", "-j", "3", "--shell", "sleep 600"}).out, QByteArray("1\n"));
        Watcher watcher(home);
        QTRY_COMPARE_WITH_TIMEOUT(watcher.count(protocol::type::end), 1, 20000);
        QCOMPARE(watcher.messages.at(0).value(QStringLiteral("max_parallel")).toInteger(), 3);
        procdeck::submitrequest::Options ownLimit;
        ownLimit.batch = true;
        ownLimit.batchMaxParallel = 1;
        const procdeck::JobSpec sleep = testutil::shell(QStringLiteral("sleep 600"));
        watcher.send(procdeck::submitrequest::make({sleep, sleep, sleep}, ownLimit));
        QTRY_COMPARE_WITH_TIMEOUT(watcher.count(protocol::type::submitted), 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(watcher.saw(2, QStringLiteral("running")), 20000);
        procdeck::submitrequest::Options noLimit;
        noLimit.batch = true;
        watcher.send(procdeck::submitrequest::make({sleep}, noLimit));
        // Job 5 starts after 3 and 4 were passed over: their batch's limit, not the engine's.
        QTRY_VERIFY_WITH_TIMEOUT(watcher.saw(5, QStringLiteral("running")), 20000);
        QVERIFY(!watcher.saw(3, QStringLiteral("running")));
        QVERIFY(!watcher.saw(4, QStringLiteral("running")));
        QCOMPARE(watcher.count(protocol::type::parallel), 0); // the engine's 3, unchanged
        QCOMPARE(watcher.count(protocol::type::refused), 0);
        QCOMPARE(home.cli({"--kill", "1", "2", "3", "4", "5"}).exitCode, 0);
    }

    void aWatcherThatDoesNotReadIsSentOnlyWhatItTakes()
    {
        Home home;
        QCOMPARE(home.cli({"--detach", "-j", "1", "--shell", "sleep 600"}).out, QByteArray("1\n"));
        QStringList args{"--detach", "true", ":::"};
        for (int i = 1; i <= 20000; ++i)
            args << QString::number(i);
        // Queued behind the sleep: nothing changes. 20,000 jobs handed over by a sanitized
        // procdeck-cli on a loaded machine can take longer than the usual minute.
        QCOMPARE(home.cli(args, kManyJobsDeadlineMs).exitCode, 0);
        // About 10 MB of records: past the 8 MiB an engine holds for a peer before dropping it.
        QLocalSocket socket;
        socket.setReadBufferSize(64 * 1024); // Qt reads no more than this: the watcher stalls
        socket.connectToServer(home.socketPath());
        QVERIFY(socket.waitForConnected(10000));
        socket.write(protocol::encode(protocol::message(
                protocol::type::hello, {{QStringLiteral("version"), protocol::kVersion}})));
        socket.write(protocol::encode(protocol::message(protocol::type::watch)));
        QVERIFY(socket.waitForBytesWritten(10000));
        // Another client is served meanwhile.
        const clitest::Result status = home.cli({"--status"}, kManyJobsDeadlineMs);
        QCOMPARE(status.exitCode, 0);
        QCOMPARE(status.out.count('\n'), 20001);

        // It reads again: every job once, then "end"; never dropped.
        socket.setReadBufferSize(0);
        procdeck::FrameReader reader;
        int jobs = 0;
        bool ended = false;
        QStringList other;
        QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    reader.feed(socket.readAll());
                    QCborMap m;
                    QString error;
                    while (reader.next(&m, &error) == procdeck::FrameReader::Result::Message) {
                        const QString type = protocol::typeOf(m);
                        if (type == protocol::type::jobs)
                            jobs += int(m.value(QStringLiteral("jobs")).toArray().size());
                        else if (type == protocol::type::end)
                            ended = true;
                        else if (type != protocol::type::hello)
                            other << type;
                    }
                    return ended || socket.state() != QLocalSocket::ConnectedState;
                }(),
                kManyJobsDeadlineMs);
        QCOMPARE(other, QStringList());
        QVERIFY(ended);
        QCOMPARE(jobs, 20001);
        QCOMPARE(home.cli({"--kill", "1"}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestEngineWatch)
#include "tst_enginewatch.moc"
