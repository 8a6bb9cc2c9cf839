#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace procdeck::procfiles {

/// The small /proc files the sampler reads besides stat, each read with one open and one read
/// into a stack buffer (they are read for every process of every job, twice a second).

/// /proc/<pid>/io's read_bytes and write_bytes: what the process (with the children it collected)
/// made the storage layer read and write. False when the file cannot be read (another user's
/// process, a kernel without task I/O accounting, a process that is gone).
bool readIo(qint64 pid, qint64 *readBytes, qint64 *writeBytes) noexcept;

/// /proc/<pid>/cmdline with its NUL separators turned into spaces; empty for a kernel thread or
/// a process that is gone.
QByteArray commandLine(qint64 pid);

/// /proc/<pid>/comm: the process's name, at most 15 bytes; empty when gone.
QByteArray name(qint64 pid);

/// The number of threads (/proc/<pid>/status's Threads); 0 when unreadable.
int threads(qint64 pid);

/// The number of open descriptors (entries of /proc/<pid>/fd); -1 when it cannot be listed.
int openDescriptors(qint64 pid);

/// /proc/<pid>/wchan: the kernel function a sleeping process waits in ("do_select"); empty
/// when unreadable or "0" (running).
QByteArray waitChannel(qint64 pid);

/// The name of the system call a sleeping process is in, from /proc/<pid>/syscall's number
/// ("read", "clock_nanosleep"); empty when unreadable (another user's process), running, or a
/// call this table does not name.
QByteArray systemCall(qint64 pid);

} // namespace procdeck::procfiles
