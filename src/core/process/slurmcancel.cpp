#include "slurmcancel.h"

#include "types/signalsafe.h"

#include <cstring>
#include <sys/wait.h>
#include <unistd.h>

namespace procdeck::slurmcancel {

namespace {
constexpr int kRound = 64; ///< a few hundred scancels at once would only queue at slurmctld

/// Waits up to kWaitMs for the `count` scancels of `children`.
void waitFor(const pid_t *children, int count) noexcept
{
    const long deadline = signalsafe::monotonicMs() + kWaitMs;
    for (int c = 0; c < count; ++c) {
        while (::waitpid(children[c], nullptr, WNOHANG) == 0
               && signalsafe::monotonicMs() < deadline) {
            const timespec pause{0, 10 * 1000 * 1000};
            ::nanosleep(&pause, nullptr);
        }
    }
}
} // namespace

void cancelJobs(const char *runId, size_t runIdLength, const int32_t *treeIds, int count) noexcept
{
    pid_t children[kRound];
    int started = 0;
    for (int i = 0; i < count; ++i) {
        char option[192];
        const char head[] = "--name=procdeck-";
        size_t at = 0;
        std::memcpy(option, head, sizeof head - 1);
        at += sizeof head - 1;
        const size_t idLength
                = runIdLength < sizeof option - at - 24 ? runIdLength : sizeof option - at - 24;
        std::memcpy(option + at, runId, idLength);
        at += idLength;
        option[at++] = '-';
        at += signalsafe::formatNumber(option + at, treeIds[i]);
        option[at] = '\0';
        const pid_t child = ::fork();
        if (child == 0) {
            char *const argv[] = { const_cast<char *>("scancel"), const_cast<char *>("--quiet"),
                                   option, nullptr };
            ::execvp("scancel", argv);
            ::_exit(127);
        }
        if (child > 0)
            children[started++] = child;
        if (started == kRound || i == count - 1) {
            waitFor(children, started);
            started = 0;
        }
    }
}

void cancelAllocations(const int32_t *jobIds, int count) noexcept
{
    pid_t children[kRound];
    int started = 0;
    for (int i = 0; i < count && started < kRound; ++i) {
        char id[24];
        id[signalsafe::formatNumber(id, jobIds[i])] = '\0';
        const pid_t child = ::fork();
        if (child == 0) {
            char *const argv[] = {const_cast<char *>("scancel"), const_cast<char *>("--quiet"), id,
                                  nullptr};
            ::execvp("scancel", argv);
            ::_exit(127);
        }
        if (child > 0)
            children[started++] = child;
    }
    waitFor(children, started);
}

} // namespace procdeck::slurmcancel
