#pragma once

#include "paralleltemplate.h"
#include "pipesharder.h"
#include "pipesplitter.h"
#include "types/jobspec.h"

#include <QList>
#include <QString>

namespace procdeck::parallel {
struct Settings;
}

namespace procdeck {

struct RunRequest;

/// GNU parallel's --pipe: how standard input is cut (rules) and the job each block becomes.
/// The blocks are read as jobs need them (PipeFeeder), so the jobs are made one by one.
struct PipePlan {
    enum class Mode {
        Blocks,     ///< a job a block, its block as a file
        RoundRobin, ///< --round-robin: up to slotCount jobs, each given many blocks on a pipe
        Tee,        ///< --tee: teeJobs, each given all of standard input on a pipe
        Shard,      ///< --shard, --bin: slotCount jobs, each given the lines its key picks
    };
    Mode mode = Mode::Blocks;
    QList<JobSpec> teeJobs;              ///< --tee's jobs, one per value (made as without --pipe)
    parallel::PipeRules rules;
    JobSpec base;                        ///< what every job shares (ProcDeck's job options)
    parallel::CommandTemplate command;   ///< parallel's command; {} is nothing, or the file
    int slotCount = 1;                   ///< for {%}
    bool cat = false;                    ///< --cat: {} is the block's file
    bool fifo = false;                   ///< --fifo: {} is a named pipe giving the block
    QStringList blockValues;             ///< --pipe -a FILE: block N's {} is line N
    /// --round-robin -k: block N to job N mod -j, each waiting for its job to take it, as
    /// parallel's blocking writes give them (without -k, to whichever job is free).
    bool inTurn = false;
    PipeSharder::Rules shard; ///< --shard, --bin: how a line's job is picked

    /// The job for block `seq` (from 1): its bytes, header first, are in `blockFile`, which is
    /// its standard input; `offset` and `size` say where they were in the input (shown).
    JobSpec jobFor(int seq, const QString &blockFile, qint64 offset, qint64 size) const;
    /// --round-robin's job number `seq` (from 1), whose standard input is `pipe`: a pipe
    /// given blocks in turn with the other jobs' as they take them.
    JobSpec streamJobFor(int seq, const QString &pipe) const;
};

namespace pipeplan {

/// What a job shows as its value: the block it was given.
QString blockValue(qint64 offset, qint64 size);

/// --pipe's options (--block, --recstart, --recend, --regexp, -N, --header) into rules, as
/// parallel reads them. False with a one-line *error.
bool readRules(const parallel::Settings &s, parallel::PipeRules *rules, QString *error);

/// --pipepart -a FILE: parallel's split positions (the first after each --block bytes that
/// ends a record), and one job a part, each reading its byte range of the file itself.
bool makePartJobs(const parallel::Settings &s, const PipePlan &plan, QList<JobSpec> *jobs,
                  QString *error);

/// --round-robin and --tee: checks they go with the rest (--pipe or --pipepart; --tee's values
/// given with ::: or -a) and, for --pipepart --tee, takes the first -a (the file every job
/// reads) out of *s into *teeFile.
bool prepareModes(parallel::Settings *s, const QStringList &sources, QString *teeFile,
                  QString *error);

/// --tee, once the jobs are made as without --pipe (request->jobs, one per value): each is
/// given all of standard input (request->pipe) or of `file` (--pipepart). As many slots as
/// jobs: parallel's -j 0 unless -j says; fewer is refused, as parallel does.
bool finishTee(const parallel::Settings &s, const QString &file, RunRequest *request,
               QString *error);

/// --pipe or --pipepart's jobs: request->pipe for --pipe (made as blocks are read), the jobs
/// themselves for --pipepart. `sources` is what follows the command (::: …), which does not go
/// with them. False with a one-line *error for what does not go with them.
bool make(const parallel::Settings &s, const QStringList &words, const QStringList &sources,
          const JobSpec &base, int slotCount, RunRequest *request, QString *error);

} // namespace pipeplan
} // namespace procdeck
