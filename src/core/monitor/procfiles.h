#pragma once

#include <QtGlobal>

namespace procdeck::procfiles {

/// The small /proc files the sampler reads besides stat, each read with one open and one read
/// into a stack buffer (they are read for every process of every job, twice a second).

/// /proc/<pid>/io's read_bytes and write_bytes: what the process (with the children it collected)
/// made the storage layer read and write. False when the file cannot be read (another user's
/// process, a kernel without task I/O accounting, a process that is gone).
bool readIo(qint64 pid, qint64 *readBytes, qint64 *writeBytes) noexcept;

} // namespace procdeck::procfiles
