#include "fdbudget.h"

#include <climits>
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

int openCount()
{
    DIR *dir = opendir("/proc/self/fd");
    if (!dir)
        return 0;
    int count = -1; // the directory's own descriptor is listed too
    while (const dirent *entry = readdir(dir)) {
        if (entry->d_name[0] != '.')
            ++count;
    }
    closedir(dir);
    return count;
}

bool allowsAnotherStart(int running)
{
    const int max = limit();
    // Far from the limit even if everything else the program holds took 256 descriptors: no
    // need to count them one by one at every start.
    constexpr int kGenerousOther = 256;
    if ((running + 1) * kHeldPerJob + kExtraWhileStarting + kReserve + kGenerousOther < max)
        return true;
    return openCount() + kExtraWhileStarting + kHeldPerJob + kReserve <= max;
}

} // namespace procdeck::fdbudget
