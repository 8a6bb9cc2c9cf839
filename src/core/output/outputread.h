#pragma once

#include <QByteArray>

namespace procdeck {

class OutputLog;

namespace outputread {

/// Up to `max` bytes of `log` from *offset on: from memory while it holds them, else from the
/// spill file (flushed first: the file is behind the counts while the job runs). Bytes neither
/// memory nor a file holds any more are skipped: *offset moves on to what is held. Empty when
/// *offset is at the end. How a stream is sent on to a peer (the engine's follow, the worker)
/// from its first byte while the job runs, whatever the tail keeps.
QByteArray readFrom(OutputLog &log, qint64 *offset, qint64 max);

} // namespace outputread
} // namespace procdeck
