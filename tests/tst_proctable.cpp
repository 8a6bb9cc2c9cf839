// proctable: the one reader of /proc/PID/stat (ProcDeck, its sampler and its guardian).
#include "core/process/proctable.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

using namespace procdeck;

namespace {
constexpr int kDeadlineMs = 60000; // generous: the busy child shares a loaded machine
}

class TestProcTable : public QObject
{
    Q_OBJECT

private slots:
    void readsItsOwnProcess();
    void nameWithSpacesAndParentheses();
    void collectedChildrenTimeIsRead();
    void forEachProcessAgreesWithReadProcess();
    void pendingSignalsAndDying();
    void fatalSignalPendingReadsTheSharedSet();
};

void TestProcTable::readsItsOwnProcess()
{
    proctable::ProcessInfo me;
    QVERIFY(proctable::readProcess(::getpid(), &me));
    QCOMPARE(me.pid, ::getpid());
    QCOMPARE(me.ppid, ::getppid());
    QCOMPARE(me.pgrp, ::getpgrp());
    QCOMPARE(me.session, ::getsid(0));
    QCOMPARE(me.state, 'R'); // it is reading, so it runs
    QVERIFY(me.alive());
    QVERIFY(me.startTime > 0);
    // A Qt test holds megabytes: rss is field 24, a misread field would rarely say so.
    const long long rssKb = me.rssPages * (::sysconf(_SC_PAGESIZE) / 1024);
    QVERIFY2(rssKb > 1024, qPrintable(QString::number(rssKb)));
    proctable::ProcessInfo gone;
    QVERIFY(!proctable::readProcess(pid_t(0x3ffffff0), &gone));
}

void TestProcTable::nameWithSpacesAndParentheses()
{
    // The command name may hold ") " itself: the fields are read after the last ')'.
    QTemporaryDir dir;
    const QString odd = dir.filePath(QStringLiteral("a) b ("));
    QVERIFY(QFile::copy(QStringLiteral("/bin/sleep"), odd));
    QProcess p;
    p.start(odd, {QStringLiteral("30")});
    QVERIFY(p.waitForStarted());
    proctable::ProcessInfo info;
    QTRY_VERIFY(proctable::readProcess(pid_t(p.processId()), &info) && info.state == 'S');
    QCOMPARE(info.ppid, ::getpid());
    QCOMPARE(info.pgrp, ::getpgrp()); // QProcess leaves the child in our group
    QVERIFY(info.startTime > 0);
    QVERIFY(info.rssPages > 0);
    p.kill();
    p.waitForFinished();
}

void TestProcTable::collectedChildrenTimeIsRead()
{
    // A shell that ran a busy child and collected it: the child's CPU time is in the shell's
    // cutime/cstime (fields 16 and 17), its own in utime/stime.
    QProcess p;
    p.start(QStringLiteral("sh"),
            {QStringLiteral("-c"),
             QStringLiteral("sh -c 'i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done'; exec sleep 30")});
    QVERIFY(p.waitForStarted());
    proctable::ProcessInfo info;
    QTRY_VERIFY_WITH_TIMEOUT(proctable::readProcess(pid_t(p.processId()), &info)
                                     && info.childUserTicks + info.childSystemTicks > 0,
                             kDeadlineMs);
    QVERIFY(info.childUserTicks >= 0 && info.childSystemTicks >= 0);
    p.kill();
    p.waitForFinished();
}

void TestProcTable::forEachProcessAgreesWithReadProcess()
{
    struct Found {
        proctable::ProcessInfo me;
        int seen = 0;
    } found;
    QVERIFY(proctable::forEachProcess(
            [](const proctable::ProcessInfo &info, void *context) {
                auto *f = static_cast<Found *>(context);
                ++f->seen;
                if (info.pid == ::getpid())
                    f->me = info;
            },
            &found));
    QVERIFY(found.seen > 1);
    proctable::ProcessInfo me;
    QVERIFY(proctable::readProcess(::getpid(), &me));
    QCOMPARE(found.me.pid, me.pid);
    QCOMPARE(found.me.pgrp, me.pgrp);
    QCOMPARE(found.me.startTime, me.startTime);
}

void TestProcTable::pendingSignalsAndDying()
{
    // Field 31: this thread's own pending set. SIGUSR1 blocked and sent to this very thread
    // waits there, and the process is not dying of it.
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigset_t before;
    QCOMPARE(::pthread_sigmask(SIG_BLOCK, &usr1, &before), 0);
    QCOMPARE(int(::syscall(SYS_tgkill, ::getpid(), ::getpid(), SIGUSR1)), 0);
    proctable::ProcessInfo me;
    QVERIFY(proctable::readProcess(::getpid(), &me));
    const timespec now{0, 0};
    const int taken = ::sigtimedwait(&usr1, nullptr, &now);
    ::pthread_sigmask(SIG_SETMASK, &before, nullptr);
    QCOMPARE(taken, SIGUSR1);
    QCOMPARE(me.pendingSignals, 1ULL << (SIGUSR1 - 1));
    QVERIFY(!me.dying());
    QVERIFY(proctable::readProcess(::getpid(), &me));
    QCOMPARE(me.pendingSignals, 0ULL);

    // An ended child not yet collected is dying too (alive() already said it is not alive).
    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(0);
    QVERIFY(child > 0);
    proctable::ProcessInfo zombie;
    QTRY_VERIFY_WITH_TIMEOUT(proctable::readProcess(child, &zombie) && zombie.state == 'Z',
                             kDeadlineMs);
    QVERIFY(zombie.dying());
    QCOMPARE(::waitpid(child, nullptr, 0), child);
}

void TestProcTable::fatalSignalPendingReadsTheSharedSet()
{
    // A child that blocks USR1, CHLD and a USR2 it catches, then waits. A signal sent to the
    // process (as one sent to its group) waits in the shared set, which stat does not show.
    int ready[2];
    QCOMPARE(::pipe(ready), 0);
    const pid_t child = ::fork();
    if (child == 0) {
        ::signal(SIGUSR2, [](int) {});
        sigset_t held;
        sigemptyset(&held);
        for (const int sig : {SIGUSR1, SIGUSR2, SIGCHLD})
            sigaddset(&held, sig);
        ::sigprocmask(SIG_BLOCK, &held, nullptr);
        const char byte = 'r';
        (void)!::write(ready[1], &byte, 1);
        for (;;)
            ::pause();
    }
    QVERIFY(child > 0);
    ::close(ready[1]);
    char byte = 0;
    QCOMPARE(::read(ready[0], &byte, 1), ssize_t(1));
    ::close(ready[0]);
    QVERIFY(!proctable::fatalSignalPending(child));
    // Ignored by default, and caught: pending, yet neither would end it.
    QCOMPARE(::kill(child, SIGCHLD), 0);
    QCOMPARE(::kill(child, SIGUSR2), 0);
    const bool endedByIgnoredOrCaught = proctable::fatalSignalPending(child);
    QCOMPARE(::kill(child, SIGUSR1), 0);
    const bool endedByUsr1 = proctable::fatalSignalPending(child);
    proctable::ProcessInfo info;
    const bool read = proctable::readProcess(child, &info);
    ::kill(child, SIGKILL);
    QCOMPARE(::waitpid(child, nullptr, 0), child);
    QVERIFY(!endedByIgnoredOrCaught);
    QVERIFY(endedByUsr1);
    QVERIFY(read);
    QCOMPARE(info.pendingSignals, 0ULL); // stat's field 31: the thread's own set only
    QVERIFY(!info.dying());
    QVERIFY(!proctable::fatalSignalPending(child)); // gone
}

QTEST_GUILESS_MAIN(TestProcTable)
#include "tst_proctable.moc"
