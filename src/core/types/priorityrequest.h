#pragma once

namespace procdeck {

/// A priority asked for a job's whole tree: the window's Priority…, applied by JobPriority here
/// or by the engine for a job it runs.
struct PriorityRequest {
    /// ioprio_set(2)'s classes ProcDeck offers (realtime needs privileges a person rarely has).
    enum class IoClass {
        Unchanged,  ///< left as it is
        BestEffort, ///< the default class, at `ioLevel` (0 first, 7 last)
        Idle,       ///< disk time only when nobody else wants it
    };
    int nice = 0;            ///< -20 to 19
    IoClass io = IoClass::Unchanged;
    int ioLevel = 4;         ///< BestEffort's level, 0 to 7 (4 is the kernel's default)
};

} // namespace procdeck
