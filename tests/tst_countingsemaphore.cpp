// CountingSemaphore (GNU parallel's --semaphore, issue 27): parallel's folder names, the count,
// and a holder that ended without releasing.
#include "core/scheduling/countingsemaphore.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using procdeck::CountingSemaphore;

class TestCountingSemaphore : public QObject
{
    Q_OBJECT

private slots:
    void folderNamesAsParallel_data();
    void folderNamesAsParallel();
    void countsItsHolders();
    void dropsAHolderThatEnded();
};

void TestCountingSemaphore::folderNamesAsParallel_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("folder");
    // parallel 20221122: s/([^-_a-z0-9])/unpack("H*",$1)/ige, then "id-" before it.
    QTest::newRow("word") << "my_id-2" << "id-my_id-2";
    QTest::newRow("tty") << "/dev/pts/3" << "id-2fdev2fpts2f3";
    QTest::newRow("no tty") << "not a tty" << "id-not20a20tty";
    QTest::newRow("utf-8") << QString::fromUtf8("é") << "id-c3a9";
}

void TestCountingSemaphore::folderNamesAsParallel()
{
    QFETCH(QString, name);
    QFETCH(QString, folder);
    QCOMPARE(CountingSemaphore::folderName(name), folder);
}

void TestCountingSemaphore::countsItsHolders()
{
    QTemporaryDir root;
    CountingSemaphore first(QStringLiteral("two"), 2, root.path());
    CountingSemaphore second(QStringLiteral("two"), 2, root.path());
    CountingSemaphore third(QStringLiteral("two"), 2, root.path());
    QString error;
    // Entries are by pid: in one process, a second entry would be the first's. A holder of
    // another (running) process stands in for one of them.
    QVERIFY(first.tryAcquire(&error));
    QCOMPARE(first.holders(), 1);
    const QString folder = QDir(root.path()).filePath(CountingSemaphore::folderName("two"));
    QFile other(QDir(folder).filePath(QStringLiteral("1@%1").arg(QSysInfo::machineHostName())));
    QVERIFY(other.open(QIODevice::WriteOnly)); // pid 1 runs
    other.close();
    QCOMPARE(first.holders(), 2);
    QVERIFY(!second.tryAcquire(&error));
    QCOMPARE(error, QString()); // full, not broken
    QCOMPARE(third.acquire(-0.05, &error), CountingSemaphore::Outcome::TimedOutGaveUp);
    first.release();
    QCOMPARE(first.holders(), 1);
    QVERIFY(second.tryAcquire(&error));
    QCOMPARE(second.holders(), 2);
}

void TestCountingSemaphore::dropsAHolderThatEnded()
{
    QTemporaryDir root;
    QProcess ended;
    ended.start(QStringLiteral("true"), {});
    QVERIFY(ended.waitForStarted());
    const qint64 pid = ended.processId();
    QVERIFY(ended.waitForFinished());
    const QString folder = QDir(root.path()).filePath(CountingSemaphore::folderName("one"));
    QVERIFY(QDir().mkpath(folder));
    const QString entry
            = QDir(folder).filePath(QStringLiteral("%1@%2").arg(pid).arg(QSysInfo::machineHostName()));
    QFile stale(entry);
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.close();
    CountingSemaphore mutex(QStringLiteral("one"), 1, root.path());
    QString error;
    QVERIFY(mutex.tryAcquire(&error)); // its pid no longer runs: the entry is dropped
    QVERIFY(!QFile::exists(entry));
    QCOMPARE(mutex.holders(), 1);
}

QTEST_GUILESS_MAIN(TestCountingSemaphore)
#include "tst_countingsemaphore.moc"
