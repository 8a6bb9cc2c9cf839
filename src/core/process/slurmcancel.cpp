#include "slurmcancel.h"

#include "types/signalsafe.h"

#include <cstring>
#include <sys/wait.h>
#include <unistd.h>

namespace procdeck::slurmcancel {

namespace {
constexpr int kRound = 64; ///< a few hundred scancels at once would only queue at slurmctld
}

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
            const long deadline = signalsafe::monotonicMs() + kWaitMs;
            for (int c = 0; c < started; ++c) {
                while (::waitpid(children[c], nullptr, WNOHANG) == 0
                       && signalsafe::monotonicMs() < deadline) {
                    const timespec pause{0, 10 * 1000 * 1000};
                    ::nanosleep(&pause, nullptr);
                }
            }
            started = 0;
        }
    }
}

} // namespace procdeck::slurmcancel
