#include "processsampler.h"

#include "job.h"
#include "scheduler.h"

#include <QFile>
#include <QSet>

#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace procdeck {

namespace {

constexpr int kDefaultIntervalMs = 500;

/// Reads /proc/<pid>/stat into `buffer`; the fields after the command name start at the return
/// value (nullptr when the process is gone).
const char *readStat(const char *pid, char *buffer, size_t size)
{
    char path[300]; // "/proc/" + a d_name (at most 255) + "/stat"
    std::snprintf(path, sizeof path, "/proc/%s/stat", pid);
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return nullptr;
    const ssize_t n = ::read(fd, buffer, size - 1);
    ::close(fd);
    if (n <= 0)
        return nullptr;
    buffer[n] = '\0';
    const char *close = std::strrchr(buffer, ')'); // the name may hold spaces and parentheses
    return close && close[1] == ' ' ? close + 2 : nullptr;
}

} // namespace

ProcessSampler::ProcessSampler(const Scheduler *scheduler, QObject *parent)
    : QObject(parent), m_scheduler(scheduler)
{
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ProcessSampler::sampleNow);
    m_clock.start();
    m_timer.start();
    connect(scheduler, &Scheduler::jobAboutToBeRemoved, this,
            [this](int index) { m_last.remove(m_scheduler->jobAt(index)); });
    connect(scheduler, &Scheduler::jobStarted, this, [this](Job *) {
        if (!m_timer.isActive())
            m_timer.start();
    });
}

qint64 ProcessSampler::residentKb(qint64 pid)
{
    QFile status(pid > 0 ? QStringLiteral("/proc/%1/status").arg(pid) : QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return 0;
}

void ProcessSampler::setInterval(int ms)
{
    m_timer.setInterval(qMax(50, ms));
}

QHash<qint64, ProcessSampler::GroupTotals> ProcessSampler::readGroups(const QList<qint64> &pgids)
{
    QHash<qint64, GroupTotals> totals;
    if (pgids.isEmpty())
        return totals;
    const QSet<qint64> wanted(pgids.begin(), pgids.end());
    static const long ticksPerSecond = ::sysconf(_SC_CLK_TCK);
    static const long pageKb = ::sysconf(_SC_PAGESIZE) / 1024;
    DIR *proc = ::opendir("/proc");
    if (!proc)
        return totals;
    char buffer[1024];
    while (const dirent *entry = ::readdir(proc)) {
        if (entry->d_name[0] < '1' || entry->d_name[0] > '9')
            continue;
        const char *fields = readStat(entry->d_name, buffer, sizeof buffer);
        if (!fields)
            continue;
        // Fields after the name (man 5 proc): state(3) ppid(4) pgrp(5) … utime(14) stime(15)
        // cutime(16) cstime(17) … rss(24). `fields` starts at field 3.
        char state = 0;
        long long pgrp = 0;
        unsigned long long utime = 0;
        unsigned long long stime = 0;
        long long cutime = 0;
        long long cstime = 0;
        long long rss = 0;
        const int got = std::sscanf(fields, "%c %*d %lld %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %lld %lld %*d %*d %*d %*d %*u %*u %lld",
                                    &state, &pgrp, &utime, &stime, &cutime, &cstime, &rss);
        if (got != 7 || !wanted.contains(pgrp) || state == 'Z')
            continue;
        GroupTotals &t = totals[pgrp];
        t.rssKb += rss * pageKb;
        t.cpuSeconds += double(utime + stime + qMax(0LL, cutime) + qMax(0LL, cstime)) / double(ticksPerSecond);
        ++t.processes;
    }
    ::closedir(proc);
    return totals;
}

void ProcessSampler::sampleNow()
{
    QList<Job *> running;
    QList<qint64> pgids;
    for (int i = 0; i < m_scheduler->count(); ++i) {
        Job *job = m_scheduler->jobAt(i);
        if (job->state() == JobState::Running && job->pid() > 0) {
            running << job;
            pgids << job->pid();
        }
    }
    if (running.isEmpty()) {
        m_timer.stop(); // restarted by the next job's start
        return;
    }
    const qint64 now = m_clock.elapsed();
    const QHash<qint64, GroupTotals> totals = readGroups(pgids);
    for (Job *job : std::as_const(running)) {
        const GroupTotals t = totals.value(job->pid());
        if (t.processes == 0)
            continue; // ended between the list and the read: its end is on the way
        const auto last = m_last.value(job, {-1, 0.0});
        double percent = 0;
        if (last.first >= 0 && now > last.first)
            percent = qMax(0.0, (t.cpuSeconds - last.second) * 100000.0 / double(now - last.first));
        m_last.insert(job, {now, t.cpuSeconds});
        job->addUsageSample(percent, t.rssKb, t.cpuSeconds, t.processes);
    }
}

} // namespace procdeck
