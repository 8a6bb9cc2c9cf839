// A window's follows in their turn (FollowBudget): never more open at once than its slots, the
// rest opened in the order asked as slots come back, none for a row gone before its turn.
#include "core/client/followbudget.h"

#include <QTest>

#include <memory>

using procdeck::FollowBudget;

class TestFollowBudget : public QObject
{
    Q_OBJECT

private slots:
    void theOnesOverTheBudgetWaitTheirTurnInOrder()
    {
        FollowBudget budget(2);
        QObject owner;
        QList<int> opened;
        for (int i = 1; i <= 4; ++i)
            budget.take(&owner, [&opened, i] { opened << i; });
        QCOMPARE(opened, (QList<int>{1, 2}));
        QCOMPARE(budget.waiting(), 2);
        budget.give();
        QCOMPARE(opened, (QList<int>{1, 2, 3}));
        budget.give();
        budget.give();
        QCOMPARE(opened, (QList<int>{1, 2, 3, 4}));
        QCOMPARE(budget.waiting(), 0);
        budget.take(&owner, [&opened] { opened << 5; }); // a slot was left free: at once
        QCOMPARE(opened.last(), 5);
    }

    void aRowGoneBeforeItsTurnOpensNothing()
    {
        FollowBudget budget(1);
        QObject first;
        auto gone = std::make_unique<QObject>();
        QObject last;
        QList<int> opened;
        budget.take(&first, [&opened] { opened << 1; });
        budget.take(gone.get(), [&opened] { opened << 2; });
        budget.take(&last, [&opened] { opened << 3; });
        gone.reset();
        budget.give();
        QCOMPARE(opened, (QList<int>{1, 3})); // its slot went to the next one
        QCOMPARE(budget.waiting(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFollowBudget)
#include "tst_followbudget.moc"
