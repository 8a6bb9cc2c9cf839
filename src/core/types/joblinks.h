#pragma once

#include <QList>
#include <QString>

namespace procdeck {

/// Where a job stands among others: which try of its spec it is (GNU parallel's --retries), and
/// which jobs it waits for ("after", "after_success", "Run after…"). The scheduler keeps it; the
/// table, the timeline and the exports read it. A plain value.
struct JobLinks {
    int attempt = 1;           ///< 1 for the first try
    int firstSeq = 0;          ///< the first try's job number; 0: this job is the first try
    int retriedAs = 0;         ///< the job number of the try that followed this one, 0 if none
    QList<int>
            prerequisites; ///< first job numbers of every job it waits for (the timeline's edges)
    QList<int> waitingFor;     ///< those of them that have not ended yet ("Waiting for #3")
    /// Why it does not start although it could (--load, --memfree: "waiting: load 3 ≥ 2").
    QString heldBy;

    friend bool operator==(const JobLinks &a, const JobLinks &b)
    {
        return a.attempt == b.attempt && a.firstSeq == b.firstSeq && a.retriedAs == b.retriedAs
            && a.prerequisites == b.prerequisites && a.waitingFor == b.waitingFor
            && a.heldBy == b.heldBy;
    }
    friend bool operator!=(const JobLinks &a, const JobLinks &b) { return !(a == b); }
};

} // namespace procdeck
