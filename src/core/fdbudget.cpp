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

bool allowsAnotherStart()
{
    const int max = limit();
    if (max > 1 << 16)
        return true; // effectively unlimited: skip counting
    return openCount() + kExtraWhileStarting + kHeldPerJob + kReserve <= max;
}

} // namespace procdeck::fdbudget
