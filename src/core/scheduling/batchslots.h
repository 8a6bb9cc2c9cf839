#pragma once

#include <QHash>

#include <deque>

namespace procdeck {

/// Each batch's job slots, GNU parallel's {%}: a starting job takes the slot freed longest ago,
/// or the next new number when none is free (parallel 20221122's @Global::slots, a queue), so
/// that {%} is what parallel's would be at any -j. And each batch's own limit (its Max parallel):
/// how many of its jobs may run at once, within the scheduler's limit for all.
class BatchSlots final
{
public:
    /// At most `n` jobs of `batchId` run at once; 0: no limit of its own.
    void setLimit(int batchId, int n);
    int limit(int batchId) const;
    /// True when `running` jobs of `batchId` leave room for another under its own limit.
    bool hasRoom(int batchId, int running) const;
    /// A slot for a job of `batchId` that starts now.
    int take(int batchId);
    /// `slot` of `batchId` is free again (its job ended with no try to follow).
    void release(int batchId, int slot);

private:
    struct Batch {
        int limit = 0;
        int highest = 0;      ///< slots numbered so far
        std::deque<int> free; ///< freed slots, the longest free first
    };
    QHash<int, Batch> m_batches;
};

} // namespace procdeck
