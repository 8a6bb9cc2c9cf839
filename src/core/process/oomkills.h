#pragma once

#include <QtGlobal>

namespace procdeck::oomkills {

/// The kernel's count of processes its out-of-memory killer has ended since boot (/proc/vmstat's
/// `oom_kill`), -1 when it cannot be read. A reading at most `maxAgeMs` old is reused, so that a
/// thousand jobs starting together cost one read. Any thread.
qint64 count(int maxAgeMs = 0);

} // namespace procdeck::oomkills
