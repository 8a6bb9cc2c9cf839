#pragma once

#include <QMetaObject>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace procdeck {

class OutputLog;

/// Reads every job's stdout and stderr pipes on a thread of its own (one epoll over all of them),
/// straight into the jobs' OutputLogs, so that the window's thread never spends its turns in
/// read(2) and tail keeping: under 64 × `yes`, reading through QProcess on that thread was what
/// made its timers late.
///
/// Each read takes at most one pipe's worth, every ready pipe in turn. Nothing is buffered on the
/// way: when the spill files' writer is too far behind, the thread waits for it (OutputLog's
/// append does), the pipes fill, and the children block. What it has to say goes to the job's
/// side as queued calls on the object given to attach(), never more than one "output came" per
/// rearm().
class OutputPump final
{
public:
    /// What the job's side is told, on the thread `receiver` lives in.
    struct Handlers {
        std::function<void()> arrived;       ///< output came (again after rearm())
        std::function<void()> drained;       ///< drain() is done: both pipes are closed
        std::function<void(int)> readFailed; ///< a read failed with this errno: the pipe is closed
    };
    /// One job's pipes, as the pump keeps them. Opaque to the job's side.
    struct Channel;

    static OutputPump &instance();
    ~OutputPump();
    OutputPump(const OutputPump &) = delete;
    OutputPump &operator=(const OutputPump &) = delete;

    /// Starts reading the non-blocking descriptors `outFd` and `errFd` (the pump closes them)
    /// into `out` and `err`. `errFd` -1: `outFd` is a pseudo-terminal's master side, its one
    /// stream, whose EIO (every slave side closed) is its end of file. `receiver` gets the
    /// handlers' calls until detach(); the logs are kept alive as long as the pump needs them.
    /// `failFirstRead`: a test's injected read error.
    std::shared_ptr<Channel> attach(int outFd, int errFd, std::shared_ptr<OutputLog> out,
                                    std::shared_ptr<OutputLog> err, QObject *receiver,
                                    Handlers handlers, bool failFirstRead);
    /// Reads on until both pipes reach end of file, or for `deadlineMs` at most (a process that
    /// left the job's tree may hold them for ever): then whatever they hold now is read, they are
    /// closed, so are the logs' spill files (OutputLog::closeSpill()), and `drained` is called.
    void drain(const std::shared_ptr<Channel> &channel, int deadlineMs);
    /// The job's side has taken the last "output came": the next read says it again.
    static void rearm(Channel &channel);
    /// Both pipes reached their end and the pump is done with the logs (their spill files closed
    /// too): no drain() is needed. Once true, stays true.
    static bool hasEnded(const Channel &channel);
    /// No more calls to the receiver from now on (safe to delete it after); the pipes are closed
    /// on the pump's thread.
    void detach(const std::shared_ptr<Channel> &channel);

private:
    OutputPump();
    /// The epoll, the wake-up descriptor and the thread, unless made already. Under m_mutex.
    /// False (m_setUpErrno says why) when one of them cannot be had.
    bool setUp();
    void run();
    void wake();
    void readReady(Channel &channel, int stream);
    /// Closes one pipe; once both are closed at their end (not `detaching`), the pump is done.
    void endStream(Channel &channel, int stream, bool detaching = false);
    /// Tells the job's side that `stream` failed with `error`, and ends it.
    void failStream(Channel &channel, int stream, int error);
    void finishDrain(Channel &channel);
    void release(Channel &channel);
    void post(Channel &channel, const std::function<void(const Handlers &)> &call);
    void takeCommands();
    int pollTimeoutMs();
    void expireDrains();

    using Clock = std::chrono::steady_clock;
    int m_epoll = -1;
    int m_wakeFd = -1;
    int m_setUpErrno = 0; ///< why setUp() last failed
    std::mutex m_mutex; ///< guards the lists below and every channel's receiver
    std::vector<std::shared_ptr<Channel>>
            m_attached; ///< being read (the pump's thread adds them to epoll)
    std::vector<std::shared_ptr<Channel>> m_added;    ///< attached, not yet in epoll
    std::vector<std::shared_ptr<Channel>> m_toDrain;
    std::vector<std::shared_ptr<Channel>> m_toDetach;
    std::vector<std::shared_ptr<Channel>> m_released; ///< out of epoll: freed before the next wait
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace procdeck
