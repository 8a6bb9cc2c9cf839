#pragma once

namespace procdeck {

struct JobUsage;

/// The CPU time, peak memory and storage I/O of job leaders as this process collects them
/// (getrusage RUSAGE_CHILDREN): what sampling cannot see, a leader's last moments.
class ChildrenUsage final
{
public:
    /// Takes the first reading, before the first job's child. Later calls do nothing.
    static void takeBaseline();
    /// After QProcess collected one leader and at once reported it finished: the growth since
    /// the last reading is that leader's whole CPU time (with whatever it collected itself);
    /// a higher peak, above this process's own (which a vfork child's ru_maxrss carries), is that
    /// leader's peak; the growth of the blocks read and written is the leader's read_bytes and
    /// write_bytes (its collected children's included). Raises `usage` to them.
    static void attributeTo(JobUsage &usage);
};

} // namespace procdeck
