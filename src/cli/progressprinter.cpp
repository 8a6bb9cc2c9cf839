#include "progressprinter.h"

#include "core/process/job.h"
#include "core/scheduling/scheduler.h"
#include "outputsink.h"

#include <QDateTime>
#include <QFile>
#include <QSet>
#include <QThread>

#include <algorithm>
#include <climits>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

using namespace procdeck;

namespace {

constexpr int kTickMs = 1000; // parallel's wait loop settles at about a second between lines

/// perl's "$x" of a number: %.15g.
QString perlNumber(double x)
{
    return QString::number(x, 'g', 15);
}

} // namespace

ProgressPrinter::ProgressPrinter(Scheduler *scheduler, OutputSink *err, Style style,
                                 bool asManyAsJobs, int cores, QObject *parent)
    : QObject(parent),
      m_scheduler(scheduler),
      m_err(err),
      m_style(style),
      m_asManyAsJobs(asManyAsJobs),
      m_cores(cores),
      m_startSeconds(QDateTime::currentSecsSinceEpoch())
{
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this,
            [this] { writeStatus(QStringLiteral("\r") + status()); });
    connect(scheduler, &Scheduler::jobEnded, this, &ProgressPrinter::onJobEnded);
    connect(scheduler, &Scheduler::jobStarted, this, [this](const Job *job) {
        m_newestArg = job->spec().values.join(QLatin1Char(' '));
    });
}

std::unique_ptr<ProgressPrinter> ProgressPrinter::forRequest(const RunRequest &request,
                                                             Scheduler *scheduler,
                                                             OutputSink *err)
{
    using P = RunRequest::Progress;
    if (request.progress == P::None)
        return nullptr;
    const Style style = request.progress == P::Bar ? Style::Bar
            : request.progress == P::Eta           ? Style::Eta
                                                   : Style::Progress;
    auto printer = std::make_unique<ProgressPrinter>(scheduler, err, style,
                                                     request.maxParallel == INT_MAX, cpuCores());
    // Once the jobs given at once are all in (from the event loop), or --pipe's first block.
    connect(scheduler, &Scheduler::jobsInserted, printer.get(), &ProgressPrinter::start,
            Qt::QueuedConnection);
    return printer;
}

void ProgressPrinter::start()
{
    if (m_started || m_finished)
        return;
    m_started = true;
    if (m_style != Style::Bar) {
        // -j 0 is as many as there are jobs; parallel says that number. Otherwise -j, or
        // what the file descriptors left of it.
        const int maxJobs = m_asManyAsJobs
                ? std::min(m_scheduler->maxParallel(), std::max(m_scheduler->totals().total, 1))
                : m_scheduler->maxParallel();
        writeStatus(QStringLiteral("\nComputers / CPU cores / Max jobs to run\n1:local / %1 / %2\n"
                                   "\nComputer:jobs running/jobs completed/%of started jobs/"
                                   "Average seconds to complete\n")
                            .arg(m_cores)
                            .arg(maxJobs));
    }
    writeStatus(QStringLiteral("\r") + status()); // at once, as parallel's first round does
    m_tick.start();
}

void ProgressPrinter::finish()
{
    if (m_finished)
        return;
    if (!m_started)
        start(); // (a run over before the event loop came round)
    m_finished = true;
    m_tick.stop();
    writeStatus(QStringLiteral("\r") + status() + QLatin1Char('\n'));
}

void ProgressPrinter::onJobEnded(Job *job)
{
    if (job->retriedAs() != 0)
        ++m_retried;
    else
        ++m_completed;
    if (m_started && !m_finished)
        writeStatus(QStringLiteral("\r") + status());
}

void ProgressPrinter::writeStatus(const QString &text)
{
    m_err->write(text.toUtf8());
}

QString ProgressPrinter::hostStatus() const
{
    const int running = m_scheduler->totals().running;
    const int started = running + m_completed;
    if (started == 0)
        return QString(); // parallel's map gives nothing before a job has started
    const double perJob = m_completed
            ? double(QDateTime::currentSecsSinceEpoch() - m_startSeconds) / m_completed
            : 0.0;
    return QString::asprintf("local:%d/%d/%d%%/%.1fs ", running, m_completed,
                             int((running + m_completed) * 100.0 / started), perJob);
}

QString ProgressPrinter::status()
{
    const int total = m_scheduler->totals().total - m_retried;
    if (m_style == Style::Bar)
        return barText(m_estimate.read(total, m_completed), m_newestArg, terminalColumns());
    QString eta;
    if (m_style == Style::Eta) {
        const ProgressEstimate::Reading r = m_estimate.read(total, m_completed);
        eta = QString::asprintf("ETA: %llds Left: %d AVG: %.2fs  ", qlonglong(r.etaSeconds),
                                r.left, r.averageSeconds);
    }
    return eta + hostStatus();
}

QString ProgressPrinter::barText(const ProgressEstimate::Reading &r, const QString &arg,
                                 int columns)
{
    const QString text = QStringLiteral("%1% %2:%3=%4 %5")
                                 .arg(int(r.fraction * 100))
                                 .arg(r.completed)
                                 .arg(r.left)
                                 .arg(ProgressEstimate::timeUnits(r.etaSeconds), arg);
    QString bar = text.left(columns).leftJustified(columns);
    bar.insert(int(columns * r.fraction), QStringLiteral("\033[0m"));
    const QString zenity = QStringLiteral("#   %1 sec %2")
                                   .arg(r.etaSeconds)
                                   .arg(arg)
                                   .left(columns)
                                   .leftJustified(columns);
    return QStringLiteral("\r%1\r%2\r\033[7m%3\033[0m")
            .arg(zenity, perlNumber(r.fraction * 100), bar);
}

int ProgressPrinter::terminalColumns()
{
    // parallel asks `tput cols </dev/tty` (COLUMNS, else the terminal's size), then stty, then
    // settles on 80: the controlling terminal's, not standard error's.
    const int tty = ::open("/dev/tty", O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (tty < 0)
        return 80;
    int columns = qEnvironmentVariableIntValue("COLUMNS");
    winsize size {};
    if (columns <= 0 && ::ioctl(tty, TIOCGWINSZ, &size) == 0)
        columns = size.ws_col;
    ::close(tty);
    return columns > 0 ? columns : 80;
}

int ProgressPrinter::cpuCores()
{
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    QSet<QByteArray> cores; // "physical id/core id" pairs
    QByteArray physical;
    if (cpuinfo.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : cpuinfo.readAll().split('\n')) {
            const QByteArray value = line.mid(line.indexOf(':') + 1).trimmed();
            if (line.startsWith("physical id"))
                physical = value;
            else if (line.startsWith("core id"))
                cores.insert(physical + '/' + value);
        }
    }
    return cores.isEmpty() ? QThread::idealThreadCount() : int(cores.size());
}
