// procdeck-guard: started (exec'd) by ProcDeck on its first job, it ends ProcDeck's job trees
// when ProcDeck dies, however it dies. It runs with a command line of its own, so that what
// matches ProcDeck's (`pkill -f procdeck-cli`) leaves it be.
//
//   procdeck-guard --run RUN_ID --parent PID      (its socket from ProcDeck on descriptor 3)
//
// A watcher it forks ends the trees when ProcDeck and the guardian are killed together: it
// learns of the guardian's death (PR_SET_PDEATHSIG) and looks whether ProcDeck died with it.
#include "guard.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <poll.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

using procdeck::guard::Table;

namespace {

struct Watch {
    Table *table;
    int procdeckFd; ///< a pidfd of ProcDeck; -1 when the kernel has none (then no watcher)
    pid_t guardian;
    pid_t watcher;
};

[[noreturn]] void watch(const Watch &w)
{
    ::prctl(PR_SET_NAME, "procdeck-watch", 0, 0, 0);
    // The guardian's end of the socket, held here too, would hide the guardian's death from
    // ProcDeck.
    ::close(procdeck::guardian::kSocketFd);
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    ::sigprocmask(SIG_BLOCK, &usr1, nullptr);
    ::prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0);
    if (::getppid() == w.guardian) // else it died before the line above
        while (::sigwaitinfo(&usr1, nullptr) < 0 && errno == EINTR) {
        }
    pollfd p{w.procdeckFd, POLLIN, 0}; // readable once ProcDeck has exited
    const int window = procdeck::guardian::kPairWindowMs;
    if (!w.table->ended && ::poll(&p, 1, window) > 0 && !w.table->ended)
        procdeck::guard::endEverything(w.table);
    ::_exit(0);
}

void startWatcher(Watch *w)
{
    if (w->procdeckFd < 0)
        return;
    const pid_t child = ::fork(); // this process is small and single-threaded
    if (child == 0)
        watch(*w);
    w->watcher = child > 0 ? child : 0;
}

/// The guardian's upkeep: a watcher killed alone is collected and made again.
void tick(void *context)
{
    auto *w = static_cast<Watch *>(context);
    if (w->watcher > 0 && ::waitpid(w->watcher, nullptr, WNOHANG) == w->watcher)
        startWatcher(w);
}

void setUpProcess()
{
    // Stay out of the terminal's way: Ctrl+C, a closed terminal or a stop key are meant for
    // ProcDeck, and must not take the guardian with it (ProcDeck started it in a group of its
    // own, with every signal at its default).
    for (const int sig : {SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU, SIGUSR1,
                          SIGUSR2, SIGALRM})
        ::signal(sig, SIG_IGN);
    // Hold nothing of ProcDeck's but the socket and stderr: a job's pipe kept open here would
    // never see its end.
    if (::syscall(SYS_close_range, unsigned(procdeck::guardian::kSocketFd) + 1, ~0U, 0U) != 0)
        for (int fd = procdeck::guardian::kSocketFd + 1; fd < 65536; ++fd)
            ::close(fd);
}

bool readArguments(int argc, char **argv, const char **runId, pid_t *parent)
{
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--run") == 0)
            *runId = argv[i + 1];
        else if (std::strcmp(argv[i], "--parent") == 0)
            *parent = pid_t(std::atol(argv[i + 1]));
    }
    return *runId && **runId && std::strlen(*runId) < sizeof(Table::runId) - 1 && *parent > 1;
}

Table *makeTable(const char *runId)
{
    // Shared: the watcher forked below reads what the guardian writes.
    void *memory = ::mmap(nullptr, sizeof(Table), PROT_READ | PROT_WRITE,
                          MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED)
        return nullptr;
    auto *table = static_cast<Table *>(memory); // zero-filled
    table->runIdLength = std::strlen(runId);
    std::memcpy(table->runId, runId, table->runIdLength);
    const int n = std::snprintf(table->marker, sizeof table->marker, "PROCDECK_JOB=%s:", runId);
    table->markerLength = size_t(n);
    return table;
}

/// A pidfd of ProcDeck, checked to be our parent's (the pid could have been reused had it died
/// already); -1 when there is none.
int openProcDeck(pid_t parent)
{
#ifdef SYS_pidfd_open
    const int fd = int(::syscall(SYS_pidfd_open, parent, 0));
    if (fd >= 0 && ::getppid() == parent)
        return fd;
    if (fd >= 0)
        ::close(fd);
#else
    (void)parent;
#endif
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    const char *runId = nullptr;
    pid_t parent = 0;
    if (!readArguments(argc, argv, &runId, &parent)) {
        std::fputs("procdeck-guard: started by ProcDeck only (--run RUN_ID --parent PID)\n",
                   stderr);
        return 2;
    }
    setUpProcess();
    Table *table = makeTable(runId);
    if (!table)
        return 1;
    Watch w{table, openProcDeck(parent), ::getpid(), 0};
    startWatcher(&w);
    procdeck::guard::serve(procdeck::guardian::kSocketFd, table, &tick, &w);
    // The socket closed: ProcDeck is gone. End what it left.
    procdeck::guard::endEverything(table);
    return 0;
}
