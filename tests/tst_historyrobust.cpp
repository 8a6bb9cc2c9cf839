// The history loses nothing: a locked, busy or unwritable database keeps the rows (retried, then
// journaled), says so, and is never taken for a corrupt one; retention deletes rows before files;
// stdin is kept as bytes.
#include "core/history/history.h"
#include "core/history/historyretention.h"
#include "core/history/historywriter.h"
#include "core/scheduling/scheduler.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testutil.h"

#include <unistd.h>

using namespace procdeck;

namespace {
constexpr int kDeadlineMs = 30000;

/// Another program's connection holding the database: BEGIN EXCLUSIVE keeps every writer out.
class Locker
{
public:
    explicit Locker(const QString &path, bool evenReaders = false)
        : m_name(QStringLiteral("locker-%1").arg(++s_count))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
        QSqlQuery q(db);
        if (evenReaders)
            q.exec(QStringLiteral("PRAGMA locking_mode=EXCLUSIVE"));
        m_locked = q.exec(QStringLiteral("BEGIN EXCLUSIVE"))
            && q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS locker_scratch (x)"))
            && q.exec(QStringLiteral("INSERT INTO locker_scratch VALUES (1)"));
    }
    ~Locker() { release(); }
    bool locked() const { return m_locked; }
    void release()
    {
        if (!QSqlDatabase::contains(m_name))
            return;
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }

private:
    static inline int s_count = 0;
    QString m_name;
    bool m_locked = false;
};

bool makeDatabase(const QString &path)
{
    History history;
    QString error;
    return history.open(path, &error);
}
} // namespace

class TestHistoryRobust : public QObject
{
    Q_OBJECT

private slots:
    void lockedDatabaseKeepsRowsRetriesAndSaysSo();
    void busyAtOpenIsNotCorruption();
    void unwritableRowsGoToTheJournalAndComeBack();
    void cliRunWhileAnotherProgramHoldsTheLock();
    void readOnlyDatabaseKeepsTheRunsRows();
    void retentionDeletesRowsBeforeFiles();
    void standardInputIsKeptAsBytes();

private:
    QTemporaryDir m_dir;
};

void TestHistoryRobust::lockedDatabaseKeepsRowsRetriesAndSaysSo()
{
    const QString path = m_dir.filePath(QStringLiteral("locked.sqlite"));
    QVERIFY(makeDatabase(path));
    History history;
    QString error;
    QVERIFY2(history.open(path, &error), qPrintable(error));
    QSignalSpy stalled(&history, &History::writeStalled);
    QSignalSpy recovered(&history, &History::writeRecovered);
    auto locker = std::make_unique<Locker>(path);
    QVERIFY(locker->locked());
    Scheduler s;
    history.attach(&s);
    QSignalSpy idle(&s, &Scheduler::idle);
    for (int i = 1; i <= 3; ++i)
        s.add(testutil::shell(QStringLiteral("echo %1").arg(i)));
    QVERIFY(idle.wait(kDeadlineMs));
    history.flush();
    QVERIFY(stalled.wait(kDeadlineMs)); // after 5 s of failing writes, once
    QVERIFY2(stalled.first().first().toString().contains(QLatin1String("busy")), qPrintable(stalled.first().first().toString()));
    locker.reset();
    QVERIFY(recovered.count() > 0 || recovered.wait(kDeadlineMs));
    QCOMPARE(stalled.count(), 1);
    QVERIFY(history.waitForWrites(kDeadlineMs));
    const QList<HistoryEntry> entries = history.recent(10);
    QCOMPARE(entries.size(), 3);
    for (const HistoryEntry &e : entries)
        QCOMPARE(e.stateKey, QStringLiteral("finished"));
}

void TestHistoryRobust::busyAtOpenIsNotCorruption()
{
    const QString path = m_dir.filePath(QStringLiteral("busy-open.sqlite"));
    QVERIFY(makeDatabase(path));
    Locker locker(path, true); // not even readers get in
    QVERIFY(locker.locked());
    History history;
    QString error;
    QString notice;
    QVERIFY2(history.open(path, &error, &notice), qPrintable(error));
    QVERIFY2(notice.contains(QLatin1String("busy")), qPrintable(notice));
    QVERIFY(QFile::exists(path));
    QVERIFY(QDir(m_dir.path()).entryList({QStringLiteral("busy-open.sqlite.corrupt-*")}).isEmpty());
}

void TestHistoryRobust::unwritableRowsGoToTheJournalAndComeBack()
{
    const QString path = m_dir.filePath(QStringLiteral("journal.sqlite"));
    QVERIFY(makeDatabase(path));
    QString message;
    {
        Locker locker(path);
        QVERIFY(locker.locked());
        History history;
        QString error;
        QVERIFY(history.open(path, &error));
        Scheduler s;
        history.attach(&s);
        QSignalSpy idle(&s, &Scheduler::idle);
        s.add(testutil::shell(QStringLiteral("echo journaled")));
        QVERIFY(idle.wait(kDeadlineMs));
        message = history.close(500);
    }
    QVERIFY2(message.contains(QLatin1String("pending.jsonl")), qPrintable(message));
    QVERIFY(QFile::exists(HistoryWriter::journalPath(path)));
    History later;
    QString error;
    QVERIFY(later.open(path, &error));
    const QList<HistoryEntry> entries = later.recent(10);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().record.command, QStringLiteral("echo journaled"));
    QCOMPARE(entries.first().stateKey, QStringLiteral("finished"));
    QVERIFY(!QFile::exists(HistoryWriter::journalPath(path))); // merged, not merged twice
}

void TestHistoryRobust::cliRunWhileAnotherProgramHoldsTheLock()
{
    // The run: another program holds the database under an exclusive lock while
    // `procdeck-cli --shell 'echo 1' --shell 'echo 2' --shell 'echo 3'` runs.
    QTemporaryDir data;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), data.path());
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    const QString path = data.filePath(QStringLiteral("procdeck/history.sqlite"));
    QVERIFY(makeDatabase(path));
    QProcess locker; // a real other program: python3's sqlite3, holding the lock until told
    locker.start(QStringLiteral("python3"), {QStringLiteral("-c"), QStringLiteral(
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('BEGIN EXCLUSIVE'); c.execute('CREATE TABLE IF NOT EXISTS held (x)')\n"
        "print('locked', flush=True); sys.stdin.read(); c.execute('ROLLBACK')\n"), path});
    QByteArray said;
    QTRY_VERIFY_WITH_TIMEOUT((said += locker.readAllStandardOutput()).contains("locked\n"), kDeadlineMs);
    QProcess run;
    run.setProcessEnvironment(env);
    run.start(QStringLiteral(PROCDECK_CLI_PATH), {"--shell", "echo 1", "--shell", "echo 2", "--shell", "echo 3"});
    QVERIFY(run.waitForFinished(kDeadlineMs));
    QCOMPARE(run.exitCode(), 0);
    const QString err = QString::fromUtf8(run.readAllStandardError());
    QVERIFY2(err.contains(QLatin1String("busy")), qPrintable(err));
    locker.closeWriteChannel();
    QVERIFY(locker.waitForFinished(kDeadlineMs));
    QProcess list;
    list.setProcessEnvironment(env);
    list.start(QStringLiteral(PROCDECK_CLI_PATH), {"--history", "--json"});
    QVERIFY(list.waitForFinished(kDeadlineMs));
    const QByteArray out = list.readAllStandardOutput();
    for (const char *command : {"\"command\":\"echo 1\"", "\"command\":\"echo 2\"", "\"command\":\"echo 3\""})
        QVERIFY2(out.contains(command), out.constData());
}

void TestHistoryRobust::readOnlyDatabaseKeepsTheRunsRows()
{
    // A database the person may read but not write (here: root's file, the run as nobody; a
    // plain chmod does not stop root). Not moved aside, the run said so, its rows journaled
    // beside it and merged by the next open that can write.
    if (::geteuid() != 0)
        QSKIP("needs root to run procdeck-cli as another user");
    QTemporaryDir data;
    const QFileDevice::Permissions open = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther
        | QFile::WriteOther | QFile::ExeOther;
    QFile::setPermissions(data.path(), open);
    QDir(data.path()).mkpath(QStringLiteral("procdeck"));
    QFile::setPermissions(data.filePath(QStringLiteral("procdeck")), open);
    const QString path = data.filePath(QStringLiteral("procdeck/history.sqlite"));
    QVERIFY(makeDatabase(path));
    for (const QString &file : QDir(data.filePath(QStringLiteral("procdeck"))).entryList(QDir::Files))
        QFile::setPermissions(data.filePath(QStringLiteral("procdeck/") + file), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
    QProcess run;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), data.path());
    env.insert(QStringLiteral("HOME"), data.path());
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    run.setProcessEnvironment(env);
    run.start(QStringLiteral("setpriv"), {"--reuid=65534", "--regid=65534", "--clear-groups", PROCDECK_CLI_PATH,
                                          "--shell", "echo read-only-run"});
    QVERIFY(run.waitForFinished(kDeadlineMs));
    const QByteArray err = run.readAllStandardError();
    QCOMPARE(run.exitCode(), 0);
    QVERIFY2(err.contains("cannot be written") || err.contains("readonly") || err.contains("read-only"), err.constData());
    QVERIFY(QDir(data.filePath(QStringLiteral("procdeck"))).entryList({QStringLiteral("history.sqlite.corrupt-*")}).isEmpty());
    QVERIFY2(QFile::exists(HistoryWriter::journalPath(path)), err.constData());
    History later; // root: may write
    QString error;
    QVERIFY(later.open(path, &error));
    const QList<HistoryEntry> entries = later.recent(10);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().record.command, QStringLiteral("echo read-only-run"));
}

void TestHistoryRobust::retentionDeletesRowsBeforeFiles()
{
    const QString path = m_dir.filePath(QStringLiteral("retention-order.sqlite"));
    QStringList files;
    {
        History history;
        QString error;
        QVERIFY(history.open(path, &error));
        Scheduler s;
        s.setMaxParallel(1);
        s.setOutputDir(m_dir.filePath(QStringLiteral("runs-order")));
        history.attach(&s);
        QSignalSpy idle(&s, &Scheduler::idle);
        for (int i = 0; i < 3; ++i)
            s.add(testutil::shell(QStringLiteral("echo kept %1").arg(i)));
        QVERIFY(idle.wait(kDeadlineMs));
        for (int i = 0; i < 3; ++i)
            files << s.jobAt(i)->record().stdoutPath;
    }
    {
        // The rows cannot be deleted now: the files must stay, or rows would point at nothing.
        Locker locker(path);
        QVERIFY(locker.locked());
        qint64 freed = 0;
        QString error;
        QVERIFY(!HistoryRetention::apply(path, 0, 1, &freed, &error));
        QVERIFY(!error.isEmpty());
        for (const QString &f : std::as_const(files))
            QVERIFY2(QFile::exists(f), qPrintable(f));
    }
    qint64 freed = 0;
    QString error;
    QVERIFY2(HistoryRetention::apply(path, 0, 1, &freed, &error), qPrintable(error));
    QVERIFY(!QFile::exists(files[0]));
    QVERIFY(QFile::exists(files[2]));
}

void TestHistoryRobust::standardInputIsKeptAsBytes()
{
    const QString path = m_dir.filePath(QStringLiteral("stdin.sqlite"));
    History history;
    QString error;
    QVERIFY(history.open(path, &error));
    Scheduler s;
    history.attach(&s);
    QSignalSpy idle(&s, &Scheduler::idle);
    JobSpec spec = testutil::shell(QStringLiteral("wc -c"));
    spec.standardInput = QByteArray("\xff\xfe\x00 not text \x80", 14);
    s.add(spec);
    QVERIFY(idle.wait(kDeadlineMs));
    QVERIFY(history.waitForWrites(kDeadlineMs));
    const QList<HistoryEntry> entries = history.recent(1);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().spec.standardInput, spec.standardInput);
}

QTEST_GUILESS_MAIN(TestHistoryRobust)
#include "tst_historyrobust.moc"
