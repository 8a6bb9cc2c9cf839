#include "semaphorerun.h"

#include "core/scheduling/scheduler.h"

#include <cstdio>
#include <unistd.h>

using procdeck::CountingSemaphore;

namespace semaphorerun {

namespace {

void warn(const char *text)
{
    std::fprintf(stderr, "procdeck-cli: warning: %s\n", text);
}

/// Without --fg: the job goes on in a child; this process exits 0 once the child holds the
/// entry (told through a pipe), so that the entry is never free in between.
int goToBackground(std::unique_ptr<CountingSemaphore> *held)
{
    int told[2];
    if (::pipe(told) != 0)
        return 255;
    std::fflush(nullptr);
    const pid_t parent = ::getpid();
    const pid_t child = ::fork();
    if (child < 0)
        return 255;
    if (child == 0) {
        ::close(told[0]);
        const char ok = (*held)->adopt(parent) ? 1 : 0;
        (void)::write(told[1], &ok, 1);
        ::close(told[1]);
        return kRunTheJob;
    }
    ::close(told[1]);
    char ok = 0;
    const bool adopted = ::read(told[0], &ok, 1) == 1 && ok == 1;
    ::close(told[0]);
    if (!adopted)
        (*held)->release(); // the child is gone, or never took it
    held->reset(); // (adopted: the entry is the child's now, under its own name)
    return adopted ? 0 : 255;
}

} // namespace

int take(const procdeck::parallel::SemaphoreOptions &options,
         std::unique_ptr<CountingSemaphore> *held)
{
    *held = std::make_unique<CountingSemaphore>(options.name, options.count);
    QString error;
    switch ((*held)->acquire(options.timeoutSeconds, &error)) {
    case CountingSemaphore::Outcome::Failed:
        std::fprintf(stderr, "procdeck-cli: --semaphore: %s\n", qPrintable(error));
        return 255;
    case CountingSemaphore::Outcome::TimedOutGaveUp:
        warn("Semaphore timed out. Exiting.");
        return 1;
    case CountingSemaphore::Outcome::TimedOutTaken:
        warn("Semaphore timed out. Stealing the semaphore.");
        break;
    case CountingSemaphore::Outcome::Acquired:
        break;
    }
    return options.foreground ? kRunTheJob : goToBackground(held);
}

int jobStatus(const procdeck::Scheduler &scheduler, int runStatus)
{
    if (runStatus == 255 || scheduler.count() == 0)
        return runStatus;
    const procdeck::JobRecord r = scheduler.jobAt(scheduler.count() - 1)->record();
    if (r.exitCode >= 0)
        return r.exitCode;
    return r.signal > 0 ? 128 + r.signal : runStatus;
}

} // namespace semaphorerun
