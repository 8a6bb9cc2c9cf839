#include "jobidle.h"

#include "process/job.h"

#include <QCoreApplication>

namespace procdeck {

namespace {

// The words are the job table's, translated in its context ("procdeck::JobTableModel").

/// A process's state letter in words, as the Processes view says it.
QString stateWords(char state)
{
    switch (state) {
    case 'S':
        return QCoreApplication::translate("procdeck::JobTableModel", "sleeping");
    case 'D':
        //: uninterruptible sleep, mostly waiting for a disk or a network file system
        return QCoreApplication::translate("procdeck::JobTableModel", "in disk wait (D)");
    case 'T':
        return QCoreApplication::translate("procdeck::JobTableModel", "stopped (T)");
    case 't':
        //: stopped by a debugger (ptrace)
        return QCoreApplication::translate("procdeck::JobTableModel",
                                           "stopped by a debugger (t)");
    default:
        return QCoreApplication::translate("procdeck::JobTableModel", "in state %1")
                .arg(QLatin1Char(state));
    }
}

/// "sleeping in read (anon_pipe_read)": the state, the system call, the kernel's wait channel.
QString waitWords(const ProcessWait &w)
{
    const QString call = QString::fromLatin1(w.call);
    const QString channel = QString::fromLatin1(w.channel);
    QString place = call.isEmpty() ? channel : call;
    if (!call.isEmpty() && !channel.isEmpty())
        place = QStringLiteral("%1 (%2)").arg(call, channel);
    if (place.isEmpty())
        return stateWords(w.state);
    //: a process's state and where it waits: "sleeping in read (anon_pipe_read)"
    return QCoreApplication::translate("procdeck::JobTableModel", "%1 in %2")
            .arg(stateWords(w.state), place);
}

/// Where the processes wait, most first: "all 3 processes sleeping in read (…)" or, when they
/// differ, "2 sleeping in read (…); 1 sleeping in wait4 (do_wait)".
QString waitsWords(const ProcessWaits &waits)
{
    if (waits.size() == 1) {
        const ProcessWait &w = waits.first();
        if (w.count == 1)
            return QCoreApplication::translate("procdeck::JobTableModel", "its process %1")
                    .arg(waitWords(w));
        return QCoreApplication::translate("procdeck::JobTableModel", "all %n processes %1",
                                           nullptr, w.count)
                .arg(waitWords(w));
    }
    constexpr int kShown = 3;
    QStringList parts;
    int rest = 0;
    for (const ProcessWait &w : waits) {
        if (parts.size() >= kShown) {
            rest += w.count;
            continue;
        }
        //: how many processes wait so: "2 sleeping in read (anon_pipe_read)"
        parts << QCoreApplication::translate("procdeck::JobTableModel", "%n %1", nullptr, w.count)
                         .arg(waitWords(w));
    }
    if (rest > 0)
        parts << QCoreApplication::translate("procdeck::JobTableModel", "%n other(s)", nullptr,
                                             rest);
    return parts.join(QStringLiteral("; "));
}

} // namespace

namespace jobidle {

QString formatQuiet(qint64 ms)
{
    const int seconds = int(qMin<qint64>(ms / 1000, INT_MAX));
    if (seconds < 60)
        return QCoreApplication::translate("procdeck::JobTableModel", "%n s", nullptr, seconds);
    const int minutes = seconds / 60;
    if (minutes < 60)
        return QCoreApplication::translate("procdeck::JobTableModel", "%n min", nullptr, minutes);
    //: hours and minutes: "1 h 5 min"
    return QCoreApplication::translate("procdeck::JobTableModel", "%1 h %2 min")
            .arg(minutes / 60)
            .arg(minutes % 60);
}

qint64 idleMs(const Job &job)
{
    return job.state() == JobState::Running ? job.usage().idleMs : 0;
}

QString text(qint64 ms)
{
    //: beside a running job whose processes have used no CPU nor done any I/O for so long
    return QCoreApplication::translate("procdeck::JobTableModel", "idle %1").arg(formatQuiet(ms));
}

QString toolTip(const Job &job)
{
    const qint64 ms = idleMs(job);
    if (ms <= 0)
        return {};
    const ProcessWaits &waits = job.usage().idleWaits;
    if (waits.isEmpty())
        return QCoreApplication::translate("procdeck::JobTableModel", "No CPU or I/O for %1")
                .arg(formatQuiet(ms));
    //: "No CPU or I/O for 3 min — all 2 processes sleeping in read (anon_pipe_read)"
    return QCoreApplication::translate("procdeck::JobTableModel", "No CPU or I/O for %1 — %2")
            .arg(formatQuiet(ms), waitsWords(waits));
}

} // namespace jobidle
} // namespace procdeck
