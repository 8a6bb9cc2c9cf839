#include "fdbudget.h"

#include <climits>
#include <cstdlib>
#include <dirent.h>
#include <sys/resource.h>

namespace procdeck::fdbudget {

int limit()
{
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > INT_MAX)
        return INT_MAX;
    return int(rl.rlim_cur);
}

void raiseToHardLimit()
{
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

int openedWithTheFirstJob(bool history)
{
    constexpr int kPumpReaperAndGuardian = 4;
    constexpr int kHistoryWriter = 3;
    return kPumpReaperAndGuardian + (history ? kHistoryWriter : 0);
}

int openCount()
{
    DIR *dir = opendir("/proc/self/fd");
    if (!dir)
        return 0;
    const int max = limit();
    const int self = dirfd(dir); // the directory's own descriptor is listed too
    int count = 0;
    while (const dirent *entry = readdir(dir)) {
        char *end = nullptr;
        const long fd = std::strtol(entry->d_name, &end, 10);
        // One inherited above the limit (a shell's 255) takes no number a new one could have.
        if (entry->d_name[0] != '.' && *end == '\0' && fd != self && fd < max)
            ++count;
    }
    closedir(dir);
    return count;
}

int jobsThatFit(int open, int heldPerJob, int neededToStart)
{
    const int max = limit();
    if (max == INT_MAX)
        return INT_MAX;
    // The last job to start needs neededToStart with the others each holding heldPerJob.
    const int room = max - open - neededToStart - kReserve;
    return room < 0 ? 0 : room / heldPerJob + 1;
}

bool allowsAnotherStart(int running)
{
    const int max = limit();
    // Far from the limit even if everything else the program holds took 256 descriptors: no
    // need to count them one by one at every start.
    constexpr int kGenerousOther = 256;
    if (running * kHeldPerJob + kNeededToStart + kReserve + kGenerousOther < max)
        return true;
    // Counted as they are now, with the spill files the running jobs may still open; a job whose
    // files are open already is counted twice, which only makes a start wait for an end.
    constexpr int kSpillFilesPerJob = 2;
    return openCount() + running * kSpillFilesPerJob + kNeededToStart + kReserve <= max;
}

} // namespace procdeck::fdbudget
