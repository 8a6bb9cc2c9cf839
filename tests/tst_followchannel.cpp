// The window's follows on one connection (FollowChannel, docs/protocol.md `follow`), against a
// real procdeck-engine: every job's output reaches its own follower, byte for byte, over one
// connection however many jobs are followed; an unfollowed job sends nothing more; a refusal
// and a lost engine reach the follower they concern.
#include "enginetest.h"

#include "core/client/followchannel.h"
#include "core/protocol/protocol.h"
#include "types/cborkey.h"

#include <QTest>

#include <memory>

using enginetest::Home;
using procdeck::FollowChannel;
using procdeck::cborKey;
namespace protocol = procdeck::protocol;

namespace {

constexpr int kDeadlineMs = 60000;

/// What one follow brought: its output by stream, and its last message (ended, refused, error).
struct Followed {
    QByteArray out;
    QByteArray err;
    QCborMap last;
    FollowChannel::Receiver receiver()
    {
        return [this](const QCborMap &message) {
            if (protocol::typeOf(message) != protocol::type::output) {
                last = message;
                return;
            }
            const QByteArray data = message.value(cborKey("data")).toByteArray();
            (message.value(cborKey("stream")).toString() == QLatin1String("stderr") ? err : out)
                    += data;
        };
    }
    QString kind() const { return protocol::typeOf(last); }
};

} // namespace

class TestFollowChannel : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_home = enginetest::windowHome(); }
    void cleanup() { m_home.reset(); }

    void everyJobOnOneConnectionEachToItsFollower()
    {
        // Each job says it is ready, waits for the go, then writes its own lines: while all of
        // them are followed the engine has two clients, the channel and the status asking.
        const QString go = m_home->path("state") + QStringLiteral("/go");
        const int jobs = 40;
        const QString script = QStringLiteral(
                "echo ready-{}; while [ ! -e %1 ]; do sleep 0.05; done; "
                "seq 1 2000 | sed 's/^/out-{}-/'; echo err-{} >&2; exit $(( {} % 7 ))")
                                       .arg(go);
        const clitest::Result detached = m_home->cli(
                {"--detach", "-j", QString::number(jobs), "--template", script, "--range",
                 QStringLiteral("1..%1").arg(jobs)});
        QVERIFY2(detached.exitCode == 0, detached.err.constData());
        FollowChannel channel(QStringLiteral("tst_followchannel"));
        std::vector<Followed> followed(jobs);
        for (int n = 1; n <= jobs; ++n)
            channel.follow(n, this, followed[n - 1].receiver());
        for (int n = 1; n <= jobs; ++n)
            QTRY_VERIFY_WITH_TIMEOUT(followed[n - 1].out.startsWith("ready-"), kDeadlineMs);
        QCOMPARE(m_home->status().value(QStringLiteral("clients")).toInt(), 2);
        QVERIFY(QFile(go).open(QIODevice::WriteOnly));
        for (int n = 1; n <= jobs; ++n) {
            const Followed &f = followed[n - 1];
            QTRY_COMPARE_WITH_TIMEOUT(f.kind(), protocol::type::ended, kDeadlineMs);
            QByteArray expected = QByteArray("ready-") + QByteArray::number(n) + '\n';
            for (int line = 1; line <= 2000; ++line)
                expected += "out-" + QByteArray::number(n) + '-' + QByteArray::number(line) + '\n';
            QCOMPARE(f.out, expected);
            QCOMPARE(f.err, QByteArray("err-") + QByteArray::number(n) + '\n');
            QCOMPARE(f.last.value(cborKey("job")).toInteger(), n);
            QCOMPARE(f.last.value(cborKey("exit_code")).toInteger(), n % 7);
        }
        QCOMPARE(channel.following(), 0);
    }

    void anUnfollowedJobSendsNothingMore()
    {
        const QString go = m_home->path("state") + QStringLiteral("/go");
        const QString script = QStringLiteral("echo a; while [ ! -e %1 ]; do sleep 0.05; done; "
                                              "echo b").arg(go);
        QCOMPARE(m_home->cli({"--detach", "--shell", script}).exitCode, 0);
        FollowChannel channel(QStringLiteral("tst_followchannel"));
        Followed first;
        channel.follow(1, this, first.receiver());
        QTRY_COMPARE_WITH_TIMEOUT(first.out, QByteArray("a\n"), kDeadlineMs);
        channel.unfollow(1);
        QVERIFY(QFile(go).open(QIODevice::WriteOnly));
        // Followed again on the same connection: the whole output, then its end. Frames come in
        // order, so nothing of the first follow can come after this one's end.
        Followed again;
        channel.follow(1, this, again.receiver());
        QTRY_COMPARE_WITH_TIMEOUT(again.kind(), protocol::type::ended, kDeadlineMs);
        QCOMPARE(again.out, QByteArray("a\nb\n"));
        QCOMPARE(first.out, QByteArray("a\n"));
        QVERIFY(first.last.isEmpty());
    }

    void aRefusalReachesOnlyItsFollower()
    {
        QCOMPARE(m_home->cli({"--detach", "--shell", "echo here"}).exitCode, 0);
        FollowChannel channel(QStringLiteral("tst_followchannel"));
        Followed unknown;
        Followed known;
        channel.follow(999, this, unknown.receiver());
        channel.follow(1, this, known.receiver());
        QTRY_COMPARE_WITH_TIMEOUT(known.kind(), protocol::type::ended, kDeadlineMs);
        QCOMPARE(known.out, QByteArray("here\n"));
        QTRY_COMPARE_WITH_TIMEOUT(unknown.kind(), protocol::type::refused, kDeadlineMs);
        QCOMPARE(unknown.last.value(cborKey("reason")).toString(), QStringLiteral("no job 999"));
    }

    void aLostEngineEndsEveryFollow()
    {
        QCOMPARE(m_home->cli({"--detach", "--shell", "echo up; sleep 300"}).exitCode, 0);
        FollowChannel channel(QStringLiteral("tst_followchannel"));
        Followed running;
        channel.follow(1, this, running.receiver());
        QTRY_COMPARE_WITH_TIMEOUT(running.out, QByteArray("up\n"), kDeadlineMs);
        const qint64 engine = m_home->status().value(QStringLiteral("engine_pid")).toInteger();
        QVERIFY(engine > 0);
        QCOMPARE(::kill(pid_t(engine), SIGKILL), 0); // a stop would end the job first
        QTRY_COMPARE_WITH_TIMEOUT(running.kind(), protocol::type::error, kDeadlineMs);
        QCOMPARE(channel.following(), 0);
    }

private:
    std::unique_ptr<Home> m_home;
};

QTEST_GUILESS_MAIN(TestFollowChannel)
#include "tst_followchannel.moc"
