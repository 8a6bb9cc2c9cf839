#pragma once

#include "types/jobspec.h"

#include <QString>

namespace procdeck::preflight {

/// What preflight found, for a front end that says it in its own words (the launch form).
struct Finding {
    enum class Kind { None, Spec, Encoding, Directory, Program, StandardInput };
    Kind kind = Kind::None;
    int errnoValue = 0; ///< Directory and Program: why (ENOENT, ENOTDIR, EACCES)
    QString text;       ///< the engine's one-line reason, as problem() says it
};

/// The one home of the checks below: the first thing found wrong, in this order.
Finding check(const JobSpec &spec);

/// What can be found wrong with a job before starting it: an empty command, an environment
/// entry without '=', an unknown encoding, a working directory that does not exist or cannot be
/// entered, a program not on PATH or not executable, an unreadable stdin file. Returns a
/// one-line reason naming the offending value ("cannot run 'x': No such file or directory"),
/// or an empty string. Starting still reports what only the OS can tell.
QString problem(const JobSpec &spec);

/// Why a job could not start in `path`: 0 when it can, else ENOENT, ENOTDIR or EACCES (also
/// for a directory on the way that cannot be searched, which a plain "exists?" would call missing).
int directoryError(const QString &path);

/// Why `spec.program` could not be run (argv jobs only): 0 when it can, ENOENT when it is not on
/// PATH or not there, EACCES when it is a directory or not executable.
int programError(const JobSpec &spec);

/// Whether a shell job's `printf` is given a `\x` escape while /bin/sh is dash, whose printf
/// has none ('\x41' prints as is): not an error, worth a warning where its output shows.
bool printfHexThroughDash(const JobSpec &spec);

} // namespace procdeck::preflight
