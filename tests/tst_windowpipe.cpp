// procdeck --pipe in the window (issue 27.3): standard input's blocks become the window's jobs,
// made by the same PipeFeeder as procdeck-cli's; each job's row shows the block it was given.
#include "windowtest.h"

#include "core/parallel/parallelcommand.h"

#include <QRegularExpression>

#include <unistd.h>

using namespace windowtest;

namespace {

/// The test's standard input replaced by a pipe holding `bytes` (fewer than a pipe holds), and
/// put back when it goes: the window reads its own standard input, as `seq 100 | procdeck`.
class StandardInputFrom
{
public:
    explicit StandardInputFrom(const QByteArray &bytes)
    {
        int ends[2];
        if (::pipe(ends) != 0)
            return;
        m_saved = ::dup(STDIN_FILENO);
        ::dup2(ends[0], STDIN_FILENO);
        ::close(ends[0]);
        m_ok = ::write(ends[1], bytes.constData(), size_t(bytes.size())) == bytes.size();
        ::close(ends[1]);
    }
    ~StandardInputFrom()
    {
        if (m_saved >= 0) {
            ::dup2(m_saved, STDIN_FILENO);
            ::close(m_saved);
        }
    }
    bool ok() const { return m_ok && m_saved >= 0; }

private:
    int m_saved = -1;
    bool m_ok = false;
};

QByteArray lines(int from, int to)
{
    QByteArray bytes;
    for (int i = from; i <= to; ++i)
        bytes += QByteArray::number(i) + '\n';
    return bytes;
}

/// The jobs' standard outputs as numbers, added up once every job has ended; -1 before.
qint64 endedSum(const Scheduler &scheduler)
{
    qint64 sum = 0;
    for (int i = 0; i < scheduler.count(); ++i) {
        const Job *job = scheduler.jobAt(i);
        if (job->state() != JobState::Finished)
            return -1;
        for (const QString &n : job->stdoutText().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            sum += n.trimmed().toLongLong();
    }
    return scheduler.count() > 0 ? sum : -1;
}

} // namespace

class TestWindowPipe : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpHome(m_home); }
    void pipeJobsGetTheBlocks();
    void teeJobsGetAllOfIt();

private:
    static bool runInWindow(MainWindow *w, const QStringList &args, QString *error);
    QTemporaryDir m_home;
};

bool TestWindowPipe::runInWindow(MainWindow *w, const QStringList &args, QString *error)
{
    ParallelCommand command;
    return parallelcommand::parse(args, nullptr, &command, error) && w->run(command.request, error);
}

void TestWindowPipe::pipeJobsGetTheBlocks()
{
    // seq 5000 | procdeck -j2 --pipe --block 2k wc -l: a job a block, the counts add up to
    // 5000, and each row's value is its block, the blocks one after another with no gap.
    const QByteArray input = lines(1, 5000);
    StandardInputFrom in(input);
    QVERIFY(in.ok());
    MainWindow w;
    QString error;
    QVERIFY2(runInWindow(&w, {"-j2", "--pipe", "--block", "2k", "wc", "-l"}, &error),
             qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(endedSum(w.scheduler()), qint64(5000), kDeadlineMs);
    QVERIFY(w.scheduler().count() >= 11); // 23,893 bytes in blocks of about 2 KiB
    static const QRegularExpression value(QStringLiteral("^block at byte (\\d+), (\\d+) bytes$"));
    QMap<qint64, qint64> blocks;
    for (int i = 0; i < w.scheduler().count(); ++i) {
        const QString shown = w.scheduler().jobAt(i)->spec().values.value(0);
        const QRegularExpressionMatch m = value.match(shown);
        QVERIFY2(m.hasMatch(), qPrintable(shown));
        blocks.insert(m.captured(1).toLongLong(), m.captured(2).toLongLong());
    }
    qint64 at = 0;
    for (auto it = blocks.cbegin(); it != blocks.cend(); ++it) {
        QCOMPARE(it.key(), at);
        at += it.value();
    }
    QCOMPARE(at, qint64(input.size()));
}

void TestWindowPipe::teeJobsGetAllOfIt()
{
    // seq 1000 | procdeck --pipe --tee 'grep -c {}' ::: 1 7: a job a value, each given it all.
    StandardInputFrom in(lines(1, 1000));
    QVERIFY(in.ok());
    MainWindow w;
    QString error;
    QVERIFY2(runInWindow(&w, {"--pipe", "--tee", "grep -c {}", ":::", "1", "7"}, &error),
             qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(endedSum(w.scheduler()), qint64(272 + 271), kDeadlineMs);
    QCOMPARE(w.scheduler().count(), 2);
}

QTEST_MAIN(TestWindowPipe)
#include "tst_windowpipe.moc"
