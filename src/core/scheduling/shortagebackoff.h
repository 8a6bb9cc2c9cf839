#pragma once

#include <QString>
#include <QtGlobal>

namespace procdeck {

/// How long the scheduler waits after a start fell short of descriptors, processes or memory
/// (50 ms doubling to 1 s), and when waiting is no longer worth it: nothing runs and the
/// shortage has lasted 1 s for descriptors (all our own) or 5 s for processes and memory (other
/// programs may free them).
class ShortageBackOff final
{
public:
    /// A start fell short with `errnoValue` while `running` jobs run: the wait before the next
    /// look, or -1 when the queue should be failed (reason() says why).
    int next(int errnoValue, int running);
    /// A start went through, or the queue was failed: the next shortage starts afresh.
    void reset();
    /// The one line a queue failed for want of resources says ("Too many open files — …").
    static QString reason(int errnoValue);
    /// Descriptors were counted before the first start and one job fits (procdeck-cli's -j under
    /// `ulimit -n`): a descriptor shortage with nothing running is then ours for a while (the
    /// printer holds a finished job's files while standard output is not read) and is waited out,
    /// as GNU parallel waits, never failed.
    void setWaitOutDescriptors(bool wait) { m_waitOutDescriptors = wait; }

private:
    int m_delayMs = 0;
    qint64 m_shortWithNothingRunningMs = 0; ///< how long starts have failed with nothing running
    bool m_waitOutDescriptors = false;
};

} // namespace procdeck
