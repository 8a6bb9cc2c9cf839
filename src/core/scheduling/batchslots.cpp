#include "batchslots.h"

#include <QtGlobal>

namespace procdeck {

void BatchSlots::setLimit(int batchId, int n)
{
    m_batches[batchId].limit = qMax(0, n);
}

int BatchSlots::limit(int batchId) const
{
    const auto it = m_batches.constFind(batchId);
    return it == m_batches.constEnd() ? 0 : it->limit;
}

bool BatchSlots::hasRoom(int batchId, int running) const
{
    const int n = limit(batchId);
    return n <= 0 || running < n;
}

int BatchSlots::take(int batchId)
{
    Batch &batch = m_batches[batchId];
    if (batch.free.empty())
        return ++batch.highest;
    const int slot = batch.free.front();
    batch.free.pop_front();
    return slot;
}

void BatchSlots::release(int batchId, int slot)
{
    if (slot > 0)
        m_batches[batchId].free.push_back(slot);
}

} // namespace procdeck
