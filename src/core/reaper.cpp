#include "reaper.h"

#include "proctable.h"

#include <QDir>
#include <QFile>
#include <QSet>

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

QList<pid_t> strayChildren()
{
    QList<pid_t> strays;
    // Re-parented orphans hang under one of our threads' children lists (usually the main one).
    const QStringList tasks = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &task : tasks) {
        QFile children(QStringLiteral("/proc/self/task/%1/children").arg(task));
        if (!children.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> pids = children.readAll().split(' ');
        for (const QByteArray &text : pids) {
            bool ok = false;
            const pid_t pid = pid_t(text.trimmed().toInt(&ok));
            if (ok && pid > 0 && !registered().contains(pid))
                strays << pid;
        }
    }
    return strays;
}

int reapStrays()
{
    int reaped = 0;
    for (const pid_t pid : strayChildren()) {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid)
            ++reaped;
    }
    return reaped;
}

} // namespace procdeck::reaper
