// Issue 26.1: the processes inside a job, as a tree by parent, from the sampler's thread.
#include "core/models/processtreemodel.h"
#include "core/monitor/processsampler.h"
#include "core/process/job.h"
#include "core/scheduling/scheduler.h"

#include <QSignalSpy>
#include <QTest>

#include "testutil.h"

using namespace procdeck;

namespace {
constexpr int kDeadlineMs = 60000;

/// Every row of the model, by its command line: "parent's command > command", the top's parent
/// being "-"; ended rows are left out.
QStringList lineage(const ProcessTreeModel &model, const QModelIndex &parent = {},
                    const QString &above = QStringLiteral("-"))
{
    QStringList out;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex at = model.index(row, ProcessTreeModel::CommandColumn, parent);
        const QString command = at.data().toString();
        if (!at.data(ProcessTreeModel::EndedRole).toBool())
            out << above + QStringLiteral(" > ") + command;
        out << lineage(model, at.siblingAtColumn(0), command);
    }
    return out;
}

int rowsIn(const ProcessTreeModel &model, const QModelIndex &parent = {})
{
    int count = model.rowCount(parent);
    for (int row = 0; row < model.rowCount(parent); ++row)
        count += rowsIn(model, model.index(row, 0, parent));
    return count;
}
} // namespace

class TestProcessTree : public QObject
{
    Q_OBJECT

private slots:
    void listsTheFourProcessesByParent();
};

void TestProcessTree::listsTheFourProcessesByParent()
{
    // sh runs sleep 60 and sleep 62 itself; sleep 61's parent, a subshell, ends at once, so it
    // is nobody's child in the job (its parent is now the subreaper, or init): at the top, beside
    // sh. The subshell, if a sample saw it, is greyed a while, then gone.
    Scheduler s;
    ProcessSampler sampler(&s);
    sampler.setInterval(100);
    ProcessTreeModel model;
    connect(&sampler, &ProcessSampler::processesSampled, &model, &ProcessTreeModel::update);
    Job *job = s.add(testutil::shell(QStringLiteral("sleep 60 & (sleep 61 &); sleep 62")));
    model.setJob(job->seq());
    sampler.setDetailJob(job->seq());
    const auto leaderRow = [&] {
        return QPersistentModelIndex(model.match(model.index(0, 0), ProcessTreeModel::PidRole,
                                                 job->pid(), 1, Qt::MatchExactly).value(0));
    };
    QTRY_VERIFY_WITH_TIMEOUT(leaderRow().isValid(), kDeadlineMs);
    const QPersistentModelIndex leader = leaderRow();
    const QString sh = leader.sibling(leader.row(), ProcessTreeModel::CommandColumn).data().toString();
    QVERIFY2(sh.endsWith(QLatin1String("sh -c sleep 60 & (sleep 61 &); sleep 62")), qPrintable(sh));
    // A sample may see a child between its fork and its exec (a copy of sh), or the subshell
    // before it ends: what is awaited is the settled tree, the subshell's greyed row gone.
    QStringList expected{QStringLiteral("- > ") + sh, sh + QStringLiteral(" > sleep 60"),
                         sh + QStringLiteral(" > sleep 62"), QStringLiteral("- > sleep 61")};
    expected.sort();
    const auto seen = [&] {
        QStringList l = lineage(model);
        l.sort();
        return l;
    };
    QTRY_COMPARE_WITH_TIMEOUT(seen(), expected, kDeadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(rowsIn(model), 4, kDeadlineMs);
    QCOMPARE(seen(), expected);
    QCOMPARE(model.rowCount(leader), 2);
    QCOMPARE(leader.sibling(leader.row(), ProcessTreeModel::StateColumn).data().toString(),
             QStringLiteral("sleeping (S)"));
    QCOMPARE(model.index(0, ProcessTreeModel::ThreadsColumn, leader).data().toString(),
             QStringLiteral("1"));
    QVERIFY(model.index(0, ProcessTreeModel::DescriptorsColumn, leader).data().toInt() >= 3);
    QSignalSpy idle(&s, &Scheduler::idle);
    s.killAllNow();
    QVERIFY(idle.wait(kDeadlineMs));
    model.markAllEnded();
    QVERIFY(leader.data(ProcessTreeModel::EndedRole).toBool()); // greyed first
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 0, kDeadlineMs); // then gone
}

QTEST_GUILESS_MAIN(TestProcessTree)
#include "tst_processtree.moc"
