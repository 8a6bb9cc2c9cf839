#pragma once

#include <QMetaType>
#include <QtGlobal>

namespace procdeck {

/// GNU parallel's --load, --memfree and --memsuspend: when this computer is too busy or short of
/// memory to start another job, and what to do to running jobs when memory runs low. 0: none.
struct ResourceLimits {
    double maxLoad = 0;     ///< --load: start nothing while the load is at or above it
    qint64 memFree = 0;     ///< --memfree, bytes: the youngest job is killed below half of it
    qint64 memSuspend = 0;  ///< --memsuspend, bytes: jobs paused below twice it
    bool any() const { return maxLoad > 0 || memFree > 0 || memSuspend > 0; }
    friend bool operator==(const ResourceLimits &a, const ResourceLimits &b)
    {
        return a.maxLoad == b.maxLoad && a.memFree == b.memFree && a.memSuspend == b.memSuspend;
    }
};

/// This computer's figures as GNU parallel reads them on Linux: the load is the number of
/// threads running or waiting for the disk now (not an average), free memory is MemFree +
/// Buffers + Cached + SwapCached. -1: could not be read.
struct SystemFigures {
    double load = -1;
    qint64 freeBytes = -1;
};

} // namespace procdeck

Q_DECLARE_METATYPE(procdeck::SystemFigures)
