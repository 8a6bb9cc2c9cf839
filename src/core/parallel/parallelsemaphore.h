#pragma once
// GNU parallel's --semaphore (sem): one command, run once at most -j of the same --id run (the
// counting is CountingSemaphore's; procdeck-cli waits, and runs the job in the background or,
// with --fg, in the foreground).

#include <QString>
#include <QStringList>

namespace procdeck {
struct JobSpec;
}

namespace procdeck::parallel {

struct Option;

/// --semaphore and its options, as given.
struct SemaphoreOptions {
    bool on = false;          ///< --semaphore, or any of --id, --st, --fg, --bg, --wait
    QString name;             ///< --id; empty: not given (the terminal's name is taken)
    bool foreground = false;  ///< --fg: waits for the job and exits with its status
    bool wait = false;        ///< --wait: `true` once the semaphore is free (no job of it runs)
    double timeoutSeconds = 0; ///< --st: > 0 takes it anyway after that long, < 0 gives up
    int count = 1;            ///< -j: at most this many hold it (settled from -j)
};

/// --semaphore, --fg, --bg, --wait, --id, --st into *s. False with *error for a bad --st.
bool applySemaphore(const Option &o, SemaphoreOptions *s, QString *error);

/// The one job's command and its standard input: --wait's `true`, or the words as given; the
/// job reads procdeck-cli's standard input, or -a's file (one at most, as parallel). A name
/// not given is the terminal's (parallel's `tty`: "/dev/pts/3", or "not a tty").
bool settleSemaphore(const QStringList &argFiles, const QStringList &rest, SemaphoreOptions *s,
                     QStringList *words, JobSpec *base, QString *error);

} // namespace procdeck::parallel
