#pragma once

#include "types/priorityrequest.h"

#include <QCoreApplication>
#include <QString>

#include <functional>

namespace procdeck {

class Job;

/// A running job's priority: the niceness of every process of its group (grandchildren
/// included) and their I/O scheduling class. The one policy the window's Priority… asks.
class JobPriority final
{
    Q_DECLARE_TR_FUNCTIONS(JobPriority)

public:
    using IoClass = PriorityRequest::IoClass;
    using Request = PriorityRequest;

    /// setpriority(PRIO_PGRP) and ioprio_set(IOPRIO_WHO_PGRP) on the job's group now; its
    /// record's `nice` follows. Empty when done, else a sentence saying why not, the system's
    /// reason in words (a niceness below what the user may: "Permission denied"). A job the
    /// user's engine runs gets it there: `later` has the engine's refusal, if it has one.
    using Refused = std::function<void(const QString &why)>;
    static QString apply(Job *job, const Request &request, Refused later = {});
    /// The niceness the job's leader has now (getpriority), or its record's when it is gone.
    static int currentNice(const Job &job);
};

} // namespace procdeck
