#pragma once

#include "joboptions.h"
#include "parallelsemaphore.h"

#include <QByteArray>
#include <QStringList>

class QIODevice;

namespace procdeck {

/// What GNU parallel's command line (`COMMAND ::: a b c`, `-k`, `--tag`, `-j 50%`, …) asks for,
/// turned into ProcDeck's terms: shell jobs in a RunRequest, or the text to print for the
/// options that run nothing (--dry-run, --shellquote).
struct ParallelCommand {
    RunRequest request;        ///< jobs through /bin/sh -c, one batch, in parallel's job order
    bool printOnly = false;    ///< --dry-run or --shellquote: print `output` and run nothing
    QByteArray output;         ///< what those print on standard output, byte for byte as parallel
    QByteArray errorOutput;    ///< and on standard error (--dry-run -t)
    /// The exit status after printing: --dry-run counts the jobs a perl expression skipped
    /// (skip()) as failed, as parallel does.
    int printExitCode = 0;
    /// Options of the front end itself met among parallel's (--no-history, --resume, --help …),
    /// spelled as the front end's parser takes them.
    QStringList frontEndArgs;
    /// --tmpdir: the front end sets TMPDIR to it for itself and the jobs, as parallel does
    /// (--files, --cat and the jobs' own temporary files go there). Empty: not given.
    QString tmpDir;
    /// --semaphore: the one job of `request` waits for the semaphore (on = false: none).
    parallel::SemaphoreOptions semaphore;
};

namespace parallelcommand {

/// True when `args` (argv without the program name) is in parallel's form: it holds :::, ::::,
/// :::+ or ::::+, or its options are followed by a command word. `-- PROGRAM ARGS` stays
/// ProcDeck's own form (one program run as given). A command line of options only (or none) is
/// parallel's, each input line a command, when they read a file of them (-a) or, with
/// `inputIsNotATerminal` (a front end whose standard input is a pipe or a file), that input; it
/// is ProcDeck's own when it has --shell, --template … (or --help, --version).
bool isParallelForm(const QStringList &args, bool inputIsNotATerminal = false);

/// Reads parallel's command line. `standardInput` is read when no input source is given (and for
/// `-a -` or `:::: -`); null means there is none to read (a terminal behind a window), which is
/// then an error. ProcDeck's own job options (--encoding, --grace, --export, …) may be mixed in;
/// those that give jobs another way (--shell, --template, --batch …) conflict. Returns false with a
/// one-line *error for every problem, including what parallel does and ProcDeck does not.
bool parse(const QStringList &args, QIODevice *standardInput, ParallelCommand *out, QString *error);

/// parse() of `args` after GNU parallel's profiles and $PARALLEL (withProfiles), reading the
/// values this process gets on its standard input: always when
/// `evenFromTerminal` (procdeck-cli), else only when it is not a terminal (a window would wait
/// unseen for what a terminal never sends).
bool parseFromStandardInput(const QStringList &args, bool evenFromTerminal, ParallelCommand *out,
                            QString *error);

} // namespace parallelcommand
} // namespace procdeck
