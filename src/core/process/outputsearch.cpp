#include "outputsearch.h"

#include "job.h"
#include "output/outputlog.h"
#include "output/textdecoder.h"

#include <QElapsedTimer>
#include <QFile>

namespace procdeck {

namespace {
constexpr qint64 kChunkBytes = 1024 * 1024;
/// progress() at most this often.
constexpr qint64 kProgressEveryMs = 100;

/// Whether `needle` is in the file, read in chunks and decoded in `encoding`. -1: unreadable.
int fileHolds(const QString &path, const QString &encoding, const QString &needle,
              const std::atomic_bool &cancelled, const std::function<void(qint64)> &onRead)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const std::unique_ptr<TextDecoder> decoder = TextDecoder::create(encoding);
    if (!decoder)
        return -1;
    QString carry; // the end of the last chunk: a match may span two
    QByteArray chunk(kChunkBytes, Qt::Uninitialized);
    while (!cancelled) {
        const qint64 n = file.read(chunk.data(), kChunkBytes);
        if (n < 0)
            return -1;
        QString text = carry + (n > 0 ? decoder->decode(chunk.constData(), n) : decoder->finish());
        onRead(n);
        if (text.contains(needle, Qt::CaseInsensitive))
            return 1;
        if (n == 0)
            return 0;
        carry = text.right(needle.size() - 1);
    }
    return 0;
}
} // namespace

struct OutputSearch::Run {
    QString text;
    std::atomic_bool cancelled{false};
};

OutputSearch::OutputSearch(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

OutputSearch::~OutputSearch()
{
    cancel();
    m_pool.waitForDone();
}

bool OutputSearch::needsDisk(const Job &job)
{
    return !job.stdoutLog().tailIsComplete() || !job.stderrLog().tailIsComplete();
}

void OutputSearch::cancel()
{
    if (m_run)
        m_run->cancelled = true;
    m_run.reset();
    m_running = false;
}

void OutputSearch::start(const QString &text, const QList<const Job *> &jobs)
{
    cancel();
    QList<Target> targets;
    for (const Job *job : jobs) {
        if (text.isEmpty() || !needsDisk(*job))
            continue;
        Target t;
        t.seq = job->seq();
        t.encoding = job->spec().encoding;
        t.logs[0] = job->sharedStdoutLog();
        t.logs[1] = job->sharedStderrLog();
        for (int i = 0; i < 2; ++i) { // read here: what a log shows is its readers' thread's
            t.paths[i] = t.logs[i]->spillIsComplete() ? t.logs[i]->spillPath() : QString();
            t.bytes[i] = t.logs[i]->totalBytes();
        }
        targets.append(t);
    }
    if (targets.isEmpty())
        return;
    auto run = std::make_shared<Run>();
    run->text = text;
    m_run = run;
    m_running = true;
    qint64 bytes = 0;
    for (const Target &t : std::as_const(targets))
        bytes += t.bytes[0] + t.bytes[1];
    emit started(int(targets.size()), bytes);
    m_pool.start([this, run, targets] { runOn(run, targets); });
}

void OutputSearch::runOn(const std::shared_ptr<Run> &run, const QList<Target> &targets)
{
    // On the pool's thread. Every word back is a queued call, dropped if this search was
    // cancelled meanwhile; the destructor waits for this function to return.
    const auto tell = [this, run](auto call) {
        QMetaObject::invokeMethod(this, [this, run, call] {
            if (m_run == run)
                call();
        }, Qt::QueuedConnection);
    };
    qint64 total = 0;
    for (const Target &t : targets)
        total += t.bytes[0] + t.bytes[1];
    qint64 read = 0;
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    const auto onRead = [&](qint64 n) {
        read += n;
        if (sinceProgress.elapsed() >= kProgressEveryMs) {
            sinceProgress.restart();
            tell([this, read, total] { emit progress(qMin(read, total), total); });
        }
    };
    int searched = 0;
    int missing = 0;
    for (const Target &t : targets) {
        if (run->cancelled)
            return;
        const int holds = searchTarget(run, t, onRead);
        (holds < 0 ? missing : searched) += 1;
        if (holds > 0)
            tell([this, seq = t.seq] { emit found(seq); });
    }
    tell([this, searched, missing, total] {
        m_running = false;
        emit progress(total, total);
        emit finished(searched, missing);
    });
}

int OutputSearch::searchTarget(const std::shared_ptr<Run> &run, const Target &target,
                               const std::function<void(qint64)> &onRead)
{
    bool unreadable = false;
    for (int i = 0; i < 2; ++i) {
        if (target.bytes[i] == 0)
            continue;
        target.logs[i]->flush(); // a running job's last bytes may still be on their way to the file
        const QString &path = target.paths[i];
        const int holds = path.isEmpty() ? -1 : fileHolds(path, target.encoding, run->text,
                                                          run->cancelled, onRead);
        if (holds > 0)
            return 1;
        unreadable = unreadable || holds < 0;
    }
    return unreadable ? -1 : 0;
}

} // namespace procdeck
