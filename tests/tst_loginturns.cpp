// GNU parallel's --onall -j N (issue 27.6): which login's jobs may start. parallel's outer run
// starts one `parallel -j1 -S LOGIN` per login, N at once, in the logins' order, the next as soon
// as one has ended. tst_sshonall compares the output with parallel's on real logins; this suite
// holds the cases those runs cannot time: a login whose jobs all end unstarted, a run named
// twice.
#include "remote/loginturns.h"

#include <QtTest>

using procdeck::LoginTurns;

class TestLoginTurns : public QObject
{
    Q_OBJECT

private slots:
    void theNextLoginTakesTheFirstFreeTurn()
    {
        LoginTurns turns(2, 2); // -j 2, two jobs a login, three logins
        QVERIFY(turns.mayStart(0, 0));
        turns.started(0, 0);
        QVERIFY(!turns.mayStart(0, 2)); // not before login 1
        QVERIFY(turns.mayStart(0, 1));
        turns.started(0, 1);
        QVERIFY(!turns.mayStart(0, 2)); // both turns taken
        QVERIFY(!turns.ended(0, 1));    // login 1 has a job left
        QVERIFY(!turns.mayStart(0, 2));
        QVERIFY(turns.mayStart(0, 1));  // its own second job
        QVERIFY(turns.ended(0, 1));     // its turn is over
        QVERIFY(turns.mayStart(0, 2));  // while login 0 still has its own
        turns.started(0, 2);
        QVERIFY(turns.mayStart(0, 0));
    }

    void aLoginEndedUnstartedPassesItsTurn()
    {
        LoginTurns turns(1, 2); // -j 1
        turns.started(0, 0);
        QVERIFY(!turns.ended(0, 0));
        QVERIFY(!turns.mayStart(0, 1));
        // Login 1's jobs end from the queue (cancelled, its --basefile not copied) meanwhile.
        QVERIFY(!turns.ended(0, 1));
        QVERIFY(turns.ended(0, 1));
        QVERIFY(turns.ended(0, 0)); // login 0 done: login 2 is next, not held behind login 1
        QVERIFY(turns.mayStart(0, 2));
        QVERIFY(!turns.mayStart(0, 3));
    }

    void eachBatchTakesItsOwnTurns()
    {
        LoginTurns turns(1, 1);
        turns.started(0, 0);
        QVERIFY(turns.ended(0, 0));
        turns.started(0, 1);
        QVERIFY(turns.mayStart(7, 0)); // the same run named again: from the first login
        QVERIFY(!turns.mayStart(7, 1));
        QVERIFY(!turns.mayStart(0, 2));
    }
};

QTEST_GUILESS_MAIN(TestLoginTurns)
#include "tst_loginturns.moc"
