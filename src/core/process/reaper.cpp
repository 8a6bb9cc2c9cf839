#include "reaper.h"

#include "proctable.h"

#include <QMutex>
#include <QMutexLocker>
#include <QSet>

#include <cerrno>
#include <cstdio>
#include <thread>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace procdeck::reaper {

namespace {

QSet<pid_t> &registered()
{
    static QSet<pid_t> pids; // the GUI (main) thread only: jobs start and end there
    return pids;
}

/// Daemons are marked on the thread that starts them (a worker's), read at every job end.
QMutex &daemonsLock()
{
    static QMutex lock;
    return lock;
}

QSet<pid_t> &daemons()
{
    static QSet<pid_t> pids;
    return pids;
}

QSet<pid_t> daemonsNow()
{
    const QMutexLocker locker(&daemonsLock());
    return daemons();
}

} // namespace

void enableSubreaper()
{
    static const bool done = [] {
        ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        return true;
    }();
    Q_UNUSED(done);
}

void registerChild(pid_t pid)
{
    if (pid > 0)
        registered().insert(pid);
}

void unregisterChild(pid_t pid)
{
    registered().remove(pid);
}

bool isRegistered(pid_t pid)
{
    return registered().contains(pid);
}

QSet<pid_t> registeredChildren()
{
    return registered(); // implicitly shared: a reference count, and a copy once either side
                         // changes
}

QList<pid_t> strayChildren()
{
    QList<pid_t> strays;
    // Read at every job end: one pread of a file kept open (opening it anew made and dropped a
    // /proc dentry each time, twice the cost of the read). Re-parented orphans go to the
    // subreaper's first living thread — the main one, which is also the only thread that forks
    // here (jobs and the guardian start on it), so its list holds every child we have. A read at
    // offset 0 lists them afresh.
    static const int fd = [] {
        char path[64];
        std::snprintf(path, sizeof path, "/proc/self/task/%d/children", int(::getpid()));
        return ::open(path, O_RDONLY | O_CLOEXEC);
    }();
    if (fd < 0)
        return strays;
    char buffer[4096];
    QByteArray text;
    ssize_t n;
    while ((n = ::pread(fd, buffer, sizeof buffer, off_t(text.size()))) > 0)
        text.append(buffer, n);
    const QSet<pid_t> ours = daemonsNow();
    const char *p = text.constData();
    const char *end = p + text.size();
    while (p < end) {
        pid_t pid = 0;
        while (p < end && *p >= '0' && *p <= '9')
            pid = pid * 10 + (*p++ - '0');
        if (pid > 0 && !registered().contains(pid) && !ours.contains(pid))
            strays << pid;
        while (p < end && (*p < '0' || *p > '9'))
            ++p;
    }
    return strays;
}

QList<pid_t> reapStrays()
{
    QList<pid_t> alive;
    for (const pid_t pid : strayChildren()) {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) != pid)
            alive << pid;
    }
    return alive;
}

void markDaemon(pid_t pid)
{
    const QMutexLocker locker(&daemonsLock());
    daemons().insert(pid);
}

void reapDaemonWhenItEnds(pid_t pid)
{
    // A thread blocked in waitpid for the daemon's whole life: one per engine started, and a
    // SIGCHLD handler or a timer would have to share the signal with QProcess.
    std::thread([pid] {
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
        const QMutexLocker locker(&daemonsLock());
        daemons().remove(pid);
    }).detach();
}

bool isDaemon(pid_t pid)
{
    return daemonsNow().contains(pid);
}

} // namespace procdeck::reaper
