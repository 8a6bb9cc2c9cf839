/* The baseline for spawn throughput: a plain posix_spawn + waitpid loop that keeps at most P
 * children running until N have run. Usage: spawnloop N P PROGRAM [ARGS...] */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

extern char **environ;

int main(int argc, char *argv[])
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s N P PROGRAM [ARGS...]\n", argv[0]);
        return 2;
    }
    const long total = strtol(argv[1], NULL, 10);
    const long parallel = strtol(argv[2], NULL, 10);
    long started = 0;
    long running = 0;
    int failures = 0;
    while (started < total || running > 0) {
        while (started < total && running < parallel) {
            pid_t pid;
            if (posix_spawn(&pid, argv[3], NULL, NULL, &argv[3], environ) != 0) {
                perror("posix_spawn");
                return 1;
            }
            ++started;
            ++running;
        }
        int status = 0;
        if (waitpid(-1, &status, 0) > 0) {
            --running;
            failures += !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        }
    }
    return failures > 0;
}
