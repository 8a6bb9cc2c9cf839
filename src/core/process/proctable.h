#pragma once

#include <cstddef>
#include <sys/types.h>

namespace procdeck::proctable {

/// Reading /proc without allocating: these run in ProcDeck and in its guardian, a forked child
/// of a threaded process where only async-signal-safe calls are allowed. Buffers are on the stack.

/// One process as /proc/<pid>/stat gives it: the one reader of that file in ProcDeck.
struct ProcessInfo {
    pid_t pid = 0;
    pid_t ppid = 0;
    pid_t pgrp = 0;
    pid_t session = 0;
    char state = 0; ///< 'R', 'S', 'Z' (ended, waiting to be collected), …
    unsigned long long userTicks = 0;   ///< CPU time in user mode, in clock ticks
    unsigned long long systemTicks = 0; ///< in kernel mode
    long long childUserTicks = 0;       ///< of its collected children, user mode
    long long childSystemTicks = 0;     ///< and kernel mode
    unsigned long long startTime
            = 0; ///< clock ticks after boot: with pid, names a process uniquely
    long long rssPages = 0;           ///< resident set size, in pages
    unsigned long long kernelFlags = 0;    ///< the task's PF_* flags
    unsigned long long pendingSignals = 0; ///< its own pending set (signals 1–31)
    bool alive() const { return state != 'Z' && state != 'X' && state != 0; }
    /// Already on its way out: exiting, or a fatal signal was delivered to it (the kernel then
    /// queues SIGKILL for every thread) and it has not yet run to act on it.
    bool dying() const
    {
        constexpr unsigned long long kExiting = 0x4; // PF_EXITING
        constexpr unsigned long long kKillPending = 1ULL << (9 - 1); // SIGKILL
        return !alive() || (kernelFlags & kExiting) || (pendingSignals & kKillPending);
    }
};

/// Reads one process's stat; false when it is gone.
bool readProcess(pid_t pid, ProcessInfo *out) noexcept;

/// True when `pid` has a signal pending that ends it by default and that it neither catches
/// nor ignores, in its own set or its process's shared one (where a signal sent to its group
/// waits: stat shows only the former). Blocked too: it dies of it once it runs and unblocks it.
/// False when it is gone or unreadable.
bool fatalSignalPending(pid_t pid) noexcept;

/// Calls `visit(const ProcessInfo &, void *context)` for every process in /proc. Returns false
/// when /proc cannot be read at all.
using Visitor = void (*)(const ProcessInfo &info, void *context);
bool forEachProcess(Visitor visit, void *context) noexcept;

/// True when the environment of `pid` holds an entry that starts with `prefix` (the whole entry
/// when `wholeEntry`). Another user's process, a zombie or a gone one reads as false.
/// `*unread` (if given) is set when not one byte could be read: besides those, a process in the
/// middle of an execve() reads empty for a moment (its new memory has no environment yet), so
/// "no marker" is not yet known of it.
bool environHas(pid_t pid, const char *prefix, size_t prefixLength, bool wholeEntry,
                bool *unread = nullptr) noexcept;

/// If the environment of `pid` holds an entry starting with `prefix`, the decimal number that
/// follows it ("PROCDECK_JOB=<run>:17" → 17); else -1. `*unread` as for environHas.
long environNumberAfter(pid_t pid, const char *prefix, size_t prefixLength,
                        bool *unread = nullptr) noexcept;

} // namespace procdeck::proctable
