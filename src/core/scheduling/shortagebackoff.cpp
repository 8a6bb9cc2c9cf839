#include "shortagebackoff.h"

#include "process/fdbudget.h"
#include "types/errnotext.h"

#include <cerrno>

namespace procdeck {

namespace {
constexpr int kFirstRetryMs = 50;
constexpr int kMaxRetryMs = 1000;
constexpr qint64 kGiveUpMs = 5000;
/// Ours, but other threads (the sampler, the printer) hold some for a moment, longer under load:
/// at a limit with room for one job only, a second of bad luck must not fail the rest.
constexpr qint64 kGiveUpOnDescriptorsMs = 3000;

bool isDescriptors(int errnoValue)
{
    return errnoValue == EMFILE || errnoValue == ENFILE;
}
} // namespace

int ShortageBackOff::next(int errnoValue, int running)
{
    m_delayMs = m_delayMs == 0 ? kFirstRetryMs : qMin(m_delayMs * 2, kMaxRetryMs);
    if (running == 0 && !(m_waitOutDescriptors && isDescriptors(errnoValue))) {
        if (m_shortWithNothingRunningMs >= (isDescriptors(errnoValue) ? kGiveUpOnDescriptorsMs
                                                                       : kGiveUpMs))
            return -1;
        m_shortWithNothingRunningMs += m_delayMs;
    }
    return m_delayMs;
}

void ShortageBackOff::reset()
{
    m_delayMs = 0;
    m_shortWithNothingRunningMs = 0;
}

QString ShortageBackOff::reason(int errnoValue)
{
    QString hint;
    if (isDescriptors(errnoValue))
        hint = QStringLiteral("too few file descriptors even for one job; raise the limit "
                              "(ulimit -n, now %1)")
                   .arg(fdbudget::limit());
    else if (errnoValue == EAGAIN)
        hint = QStringLiteral("no more processes may be created (ulimit -u)");
    else
        hint = QStringLiteral("out of memory");
    return QStringLiteral("%1 — %2; nothing else was running, so waiting longer would not help")
        .arg(errnoText(errnoValue), hint);
}

} // namespace procdeck
