/* The baseline for spawn throughput: a plain posix_spawn + waitpid loop that keeps at most P
 * children running until N have run. Usage: spawnloop N P PROGRAM [ARGS...]; an argument "{}"
 * is replaced by the job's number (1..N), as procdeck-cli's --template does, so that both run
 * the same command lines (coreutils' true, for one, loads the locale only when given an
 * argument: a raw loop without one would measure a cheaper program). */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
    char **args = &argv[3];
    const int count = argc - 3;
    char **childArgs = calloc((size_t)count + 1, sizeof *childArgs);
    char number[32];
    if (!childArgs)
        return 1;
    long started = 0;
    long running = 0;
    int failures = 0;
    while (started < total || running > 0) {
        while (started < total && running < parallel) {
            snprintf(number, sizeof number, "%ld", started + 1);
            for (int i = 0; i < count; ++i)
                childArgs[i] = strcmp(args[i], "{}") == 0 ? number : args[i];
            pid_t pid;
            if (posix_spawn(&pid, childArgs[0], NULL, NULL, childArgs, environ) != 0) {
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
    free(childArgs);
    return failures > 0;
}
