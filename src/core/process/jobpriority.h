#pragma once

#include <QCoreApplication>
#include <QString>

namespace procdeck {

class Job;

/// A running job's priority: the niceness of every process of its group (grandchildren
/// included) and their I/O scheduling class. The one policy the window's Priority… asks.
class JobPriority final
{
    Q_DECLARE_TR_FUNCTIONS(JobPriority)

public:
    /// ioprio_set(2)'s classes ProcDeck offers (realtime needs privileges a person rarely has).
    enum class IoClass {
        Unchanged,  ///< left as it is
        BestEffort, ///< the default class, at `ioLevel` (0 first, 7 last)
        Idle,       ///< disk time only when nobody else wants it
    };
    struct Request {
        int nice = 0;            ///< -20 to 19
        IoClass io = IoClass::Unchanged;
        int ioLevel = 4;         ///< BestEffort's level, 0 to 7 (4 is the kernel's default)
    };

    /// setpriority(PRIO_PGRP) and ioprio_set(IOPRIO_WHO_PGRP) on the job's group now; its
    /// record's `nice` follows. Empty when done, else a sentence saying why not, the system's
    /// reason in words (a niceness below what the user may: "Permission denied").
    static QString apply(Job *job, const Request &request);
    /// The niceness the job's leader has now (getpriority), or its record's when it is gone.
    static int currentNice(const Job &job);
};

} // namespace procdeck
