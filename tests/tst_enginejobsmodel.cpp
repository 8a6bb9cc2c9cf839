// EngineJobsModel (issue 25): the engine's jobs as a watch shows them, alone (records given to
// it) and against a real procdeck-engine through EngineConnection, two clients at once.
#include "enginetest.h"

#include "core/client/engineconnection.h"
#include "core/models/enginejobsmodel.h"
#include "core/protocol/protocol.h"

#include <QAbstractItemModelTester>
#include <QCborArray>
#include <QSignalSpy>
#include <QTest>

using enginetest::Home;
using procdeck::EngineConnection;
using procdeck::EngineJobsModel;
using procdeck::JobState;
namespace protocol = procdeck::protocol;

namespace {

QCborMap record(int seq, const char *state, int exitCode = -1)
{
    QCborMap r{{QStringLiteral("seq"), seq},
               {QStringLiteral("command"), QStringLiteral("job %1").arg(seq)},
               {QStringLiteral("state"), QString::fromLatin1(state)},
               {QStringLiteral("stdout_bytes"), 10},
               {QStringLiteral("stderr_bytes"), 5},
               {QStringLiteral("duration_s"), 1.5}};
    if (exitCode >= 0)
        r.insert(QStringLiteral("exit_code"), exitCode);
    return r;
}

QCborMap message(const QString &type, const QList<QCborMap> &records)
{
    QCborArray jobs;
    for (const QCborMap &r : records)
        jobs << r;
    return protocol::message(type, {{QStringLiteral("jobs"), jobs}});
}

/// A client of the engine: a connection that watches, and the model it feeds.
struct Client {
    Client()
    {
        QObject::connect(&connection, &EngineConnection::attached, [this] {
            connection.send(protocol::message(protocol::type::watch));
        });
        QObject::connect(&connection, &EngineConnection::messageReceived, &model,
                         &EngineJobsModel::apply);
        QObject::connect(&connection, &EngineConnection::messageReceived,
                         [this](const QCborMap &m) { messages << m; });
    }
    JobState stateOf(int number) const
    {
        const int row = model.rowOf(number);
        return row < 0 ? JobState::Queued : model.rowAt(row).state;
    }
    bool has(int number, JobState state) const
    {
        return model.rowOf(number) >= 0 && stateOf(number) == state;
    }

    EngineConnection connection{QStringLiteral("tst_enginejobsmodel")};
    EngineJobsModel model;
    QAbstractItemModelTester tester{&model};
    QList<QCborMap> messages;
};

} // namespace

class TestEngineJobsModel : public QObject
{
    Q_OBJECT

private slots:
    void recordsBecomeRowsUpdatedInPlace()
    {
        EngineJobsModel model;
        QAbstractItemModelTester tester(&model);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.apply(message(protocol::type::jobs, {record(1, "finished", 0), record(2, "queued")}));
        model.apply(protocol::message(protocol::type::end));
        QVERIFY(model.isListed());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.size(), 1); // a page, one insertion
        QCOMPARE(model.index(0, EngineJobsModel::StateColumn).data().toString(),
                 QStringLiteral("Finished"));
        QCOMPARE(model.index(0, EngineJobsModel::ExitColumn).data().toString(),
                 QStringLiteral("0"));
        QCOMPARE(model.index(0, EngineJobsModel::OutputColumn)
                         .data(EngineJobsModel::OutputBytesRole).toLongLong(), 15);

        QCborMap running = record(2, "running");
        running.insert(QStringLiteral("started"), QStringLiteral("2026-12-06T10:00:00.000Z"));
        model.apply(message(protocol::type::changed, {running, record(3, "queued")}));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(changed.size(), 1); // row 2 alone
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(model.index(1, EngineJobsModel::StateColumn).data().toString(),
                 QStringLiteral("working…"));
        // Running: its elapsed time ticks from its start, with no message.
        QVERIFY(model.index(1, 0).data(EngineJobsModel::ElapsedMsRole).toLongLong() > 60000);
        QVERIFY(QTest::qWaitFor([&] { return changed.size() > 1; }, 5000));
        QCOMPARE(changed.last().at(0).toModelIndex().column(), int(EngineJobsModel::ElapsedColumn));
        QCOMPARE(reset.size(), 0);

        QCborMap killed = record(2, "killed");
        killed.insert(QStringLiteral("started"), QStringLiteral("2026-12-06T10:00:00.000Z"));
        model.apply(message(protocol::type::changed, {killed}));
        QCOMPARE(model.index(1, EngineJobsModel::StateColumn).data().toString(),
                 QStringLiteral("Killed"));
        QCOMPARE(model.index(1, 0).data(EngineJobsModel::ElapsedMsRole).toLongLong(), 1500);
        QCOMPARE(model.index(2, 0).data(EngineJobsModel::ElapsedMsRole).toLongLong(), -1);
    }

    void twoClientsSeeEachOthersKill()
    {
        Home home;
        home.adopt();
        Client a;
        Client b;
        QSignalSpy attachedA(&a.connection, &EngineConnection::attached);
        a.connection.open(true); // none runs yet: it starts one
        QVERIFY(attachedA.wait(60000));
        QVERIFY(a.connection.enginePid() > 0);
        QTRY_VERIFY_WITH_TIMEOUT(a.model.isListed(), 20000);
        QCOMPARE(a.model.rowCount(), 0);
        b.connection.open(false);
        QTRY_VERIFY_WITH_TIMEOUT(b.model.isListed(), 20000);
        QCOMPARE(b.connection.enginePid(), a.connection.enginePid());

        QCOMPARE(home.cli({"--detach", "--shell", "sleep 60"}).out, QByteArray("1\n"));
        QTRY_VERIFY_WITH_TIMEOUT(a.has(1, JobState::Running) && b.has(1, JobState::Running),
                                 20000);
        a.connection.send(protocol::message(protocol::type::kill,
                                            {{QStringLiteral("jobs"), QCborArray{1}}}));
        QTRY_VERIFY_WITH_TIMEOUT(b.has(1, JobState::Killed), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(a.has(1, JobState::Killed), 20000);
        const auto steered = [](const QCborMap &m) {
            return protocol::typeOf(m) == protocol::type::steered;
        };
        QCOMPARE(std::count_if(a.messages.begin(), a.messages.end(), steered), 1);
        QCOMPARE(std::count_if(b.messages.begin(), b.messages.end(), steered), 0);
    }

    void theEngineKilledIsSaidAndTheRowsStay()
    {
        Home home;
        home.adopt();
        QCOMPARE(home.cli({"--detach", "--shell", "sleep 60"}).out, QByteArray("1\n"));
        Client a;
        QSignalSpy lost(&a.connection, &EngineConnection::lost);
        a.connection.open(false);
        QTRY_VERIFY_WITH_TIMEOUT(a.has(1, JobState::Running), 20000);
        QVERIFY(::kill(pid_t(a.connection.enginePid()), SIGKILL) == 0);
        QVERIFY(lost.wait(20000));
        QVERIFY(!a.connection.isAttached());
        QCOMPARE(a.model.rowCount(), 1);
        QCOMPARE(a.stateOf(1), JobState::Running); // what it showed: the engine said no more
    }
};

QTEST_GUILESS_MAIN(TestEngineJobsModel)
#include "tst_enginejobsmodel.moc"
