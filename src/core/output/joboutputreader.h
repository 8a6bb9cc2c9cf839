#pragma once

#include "outputpump.h"

#include <QObject>

#include <memory>

namespace procdeck {

class JobOutput;

/// Reads a job's stdout and stderr: two pipes of ProcDeck's own (the child's descriptors 1 and 2
/// become their write ends, see ChildExec), or a terminal job's pseudo-terminal, read on
/// OutputPump's thread into the job's logs. Lives on the job's thread and says there what the
/// pump found.
class JobOutputReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobOutputReader)

public:
    /// `output` must outlive the reader's reads: the pump shares its logs.
    explicit JobOutputReader(JobOutput &output, QObject *parent = nullptr);
    ~JobOutputReader() override; ///< stop()s
    /// Stops reading: no more reads into the logs once the pump's thread sees it, no more signals
    /// from now on; the pipes are closed on the pump's thread.
    void stop();

    /// Makes the pipes (close-on-exec). False when it cannot: *errnoValue says why.
    bool open(int *errnoValue);
    /// Instead of open(), for a terminal job: its terminal's master side is read (a copy of
    /// `masterFd`, close-on-exec), into stdout, where the terminal's one stream is kept. False
    /// when no copy can be had: *errnoValue says why.
    bool openTerminal(int masterFd, int *errnoValue);
    /// The write ends, for the child's stdout and stderr (valid after open(), until start()).
    const int *childDescriptors() const { return m_childEnds; }
    /// After the fork: drops ProcDeck's write ends (the child holds its own, so that the end of
    /// its tree is the pipes' end) and starts reading. `failFirstRead`: a test's injected fault.
    void start(bool failFirstRead);
    /// Makes what was read so far visible in the logs; the next read says arrived() again.
    bool publish();
    /// After the leader's exit and the sweep of its tree, its pipes' end is waited for this long
    /// at most: a process that left the tree unmarked may hold them for ever.
    static constexpr int kDrainAfterExitMs = 1000;
    /// The job's leader has exited: read on until both pipes' end (drained()), `deadlineMs` at
    /// most.
    void drain(int deadlineMs = kDrainAfterExitMs);

signals:
    /// Output was read, not published yet; said once until the next publish().
    void arrived();
    /// Both pipes are read to their end (or past drain()'s deadline) and closed.
    void drained();
    /// A read failed (errno `errnoValue`); that pipe is closed.
    void readFailed(int errnoValue);

private:
    JobOutput &m_output;
    int m_readEnds[2] = {-1, -1};
    int m_childEnds[2] = {-1, -1};
    std::shared_ptr<OutputPump::Channel> m_channel;
};

} // namespace procdeck
