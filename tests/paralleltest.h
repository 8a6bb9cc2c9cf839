#pragma once
// GNU parallel and procdeck-cli run side by side on the same arguments, in a home of their own,
// for the suites that compare them (tst_parallelcompat, tst_parallelxargs).
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace paralleltest {

constexpr int kDeadlineMs = 120000;

struct Outcome {
    QByteArray out;
    QByteArray err;
    int exitCode = -1;
};

/// The folder both run in, and how they are started there.
class Bench
{
public:
    /// False when parallel is not installed (the suite then skips).
    bool setUp()
    {
        m_parallel = QStandardPaths::findExecutable(QStringLiteral("parallel"));
        if (m_parallel.isEmpty() || !m_dir.isValid())
            return false;
        // A home of its own: parallel finds its will-cite there (no citation notice, same
        // arguments for both) and ProcDeck keeps its history and run folders there.
        QDir(m_dir.path()).mkpath(QStringLiteral("home/.parallel"));
        write(QStringLiteral("home/.parallel/will-cite"), QByteArray());
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("home/data")));
        m_env.insert(QStringLiteral("XDG_STATE_HOME"),
                     m_dir.filePath(QStringLiteral("home/state"))); // --semaphore's entries
        m_env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        // ProcDeck runs jobs through /bin/sh; parallel would pick the shell it was started from.
        m_env.insert(QStringLiteral("PARALLEL_SHELL"), QStringLiteral("/bin/sh"));
        m_env.remove(QStringLiteral("PARALLEL"));
        return true;
    }

    QString parallel() const { return m_parallel; }
    /// An environment variable both get from now on (empty `value`: none).
    void setVariable(const QString &name, const QString &value)
    {
        if (value.isEmpty())
            m_env.remove(name);
        else
            m_env.insert(name, value);
    }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    const QProcessEnvironment &environment() const { return m_env; }

    bool write(const QString &name, const QByteArray &bytes) const
    {
        QFile f(m_dir.filePath(name));
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    }

    void start(QProcess *p, const QString &program, const QStringList &args,
               const QByteArray &input, const QString &workingDirectory = QString()) const
    {
        p->setProcessEnvironment(m_env);
        p->setWorkingDirectory(workingDirectory.isEmpty() ? m_dir.path() : workingDirectory);
        p->start(program, args);
        if (!p->waitForStarted(kDeadlineMs))
            return;
        p->write(input);
        p->closeWriteChannel();
    }

    static Outcome finish(QProcess *p)
    {
        Outcome o;
        if (!p->waitForFinished(kDeadlineMs)) { // also when it never started
            p->kill();
            p->waitForFinished();
            return o;
        }
        o.out = p->readAllStandardOutput();
        o.err = p->readAllStandardError();
        o.exitCode = p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1;
        return o;
    }

private:
    QTemporaryDir m_dir;
    QString m_parallel;
    QProcessEnvironment m_env;
};

/// Runs `args` through parallel and procdeck-cli at once (neither's output depends on the
/// other): parallel's outcome, then procdeck-cli's.
inline std::pair<Outcome, Outcome> runBoth(const Bench &bench, const QStringList &args,
                                           const QByteArray &input)
{
    QProcess parallel;
    QProcess procdeck;
    bench.start(&parallel, bench.parallel(), args, input);
    bench.start(&procdeck, QStringLiteral(PROCDECK_CLI_PATH), args, input);
    Outcome expected = Bench::finish(&parallel);
    return {expected, Bench::finish(&procdeck)};
}

/// The rows of a data-driven comparison, run a few ahead of the one being compared: each row's
/// parallel and procdeck-cli are started before their turn, so that parallel's start-up (a
/// perl the size of parallel, compiled) and its waits overlap other rows' instead of adding up.
/// A row `alone` (its outcome depends on time: --timeout) starts only once every row before it
/// has been compared, and no row after it starts before it is compared.
class RowsAhead
{
public:
    struct Row {
        QString name;
        QStringList args;
        QByteArray input;
        bool alone = false;
    };
    static constexpr int kAhead = 4;

    /// Adds a row and its QTest row (an int column "index" says which).
    void add(const char *name, const QStringList &args, const QByteArray &input, bool alone)
    {
        QTest::newRow(name) << int(m_rows.size());
        m_rows.push_back({QString::fromUtf8(name), args, input, alone});
    }
    /// Row `index`'s outcomes, parallel's first: started now if not yet, the rows after it too.
    std::pair<Outcome, Outcome> take(const Bench &bench, int index)
    {
        for (int i = index; i < int(m_rows.size()) && i < index + kAhead; ++i) {
            if (i > index && m_rows.at(i).alone)
                break;
            if (m_runs.count(i) == 0)
                start(bench, i);
            if (m_rows.at(i).alone)
                break;
        }
        std::unique_ptr<Run> run = std::move(m_runs[index]);
        m_runs.erase(index);
        Outcome expected = Bench::finish(&run->parallel);
        return {expected, Bench::finish(&run->procdeck)};
    }
    const Row &row(int index) const { return m_rows.at(index); }

private:
    struct Run {
        QProcess parallel;
        QProcess procdeck;
    };
    void start(const Bench &bench, int index)
    {
        auto run = std::make_unique<Run>();
        const Row &r = m_rows.at(index);
        bench.start(&run->parallel, bench.parallel(), r.args, r.input);
        bench.start(&run->procdeck, QStringLiteral(PROCDECK_CLI_PATH), r.args, r.input);
        m_runs[index] = std::move(run);
    }

    std::vector<Row> m_rows;
    std::map<int, std::unique_ptr<Run>> m_runs; ///< started, not yet compared
};

/// runBoth(): the same standard output byte for byte and the same exit status; standard error
/// too when asked.
inline void compareWithParallel(const Bench &bench, const QStringList &args,
                                const QByteArray &input, bool sameStderr = false)
{
    const auto [expected, actual] = runBoth(bench, args, input);
    QVERIFY2(expected.exitCode >= 0, "parallel did not finish");
    if (actual.out != expected.out)
        qWarning().noquote() << "procdeck-cli's stderr:" << actual.err;
    QCOMPARE(actual.out, expected.out);
    QCOMPARE(actual.exitCode, expected.exitCode);
    if (sameStderr)
        QCOMPARE(actual.err, expected.err);
}

} // namespace paralleltest
