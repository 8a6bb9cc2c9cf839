#pragma once

#include "types/jobspec.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace procdeck {

/// A JobSpec as JSON: the one format of batch files (README, "Batch files") and of the history's
/// spec column. Keys are a contract: add keys, never rename one.
namespace jobspecjson {

/// What could not be read and where: `key` is the path below the object read ("timeout_s",
/// "env.LANG", "args[2]"), empty for the object itself.
struct Problem {
    QString key;
    QString what;
};

/// The settings a batch file's "defaults" may hold: timeout_s, timeout_action, grace_s,
/// encoding, cwd, env, shell, pty, retries, retry_delay_s.
const QStringList &settingKeys();
/// What a job adds to the settings: command, program, args, label, input, input_base64,
/// stdin_file, values, id, after, after_success.
const QStringList &jobKeys();

/// The settings alone ("shell" and "pty" always; env as ["KEY=VALUE", …], which keeps order).
QJsonObject settingsToJson(const JobSpec &spec);
/// Reads the settings present in `o` over those of *spec. False with *problem; *spec then holds
/// what was read before it.
bool settingsFromJson(const QJsonObject &o, JobSpec *spec, Problem *problem);

/// A whole job: its settings, its command ("command" through the shell, else "program" and
/// "args"), label, input (UTF-8 text as "input", other bytes as "input_base64"), stdin_file,
/// values (the Value column's), id and dependencies. With `base`, only the settings that differ
/// from base's (a batch file's job under its "defaults"; env then lists only the variables the
/// job adds or changes).
QJsonObject toJson(const JobSpec &spec, const JobSpec *base = nullptr);
/// Reads a job over *spec (the defaults it starts from). "command" runs through /bin/sh unless
/// "shell": false, which splits it into argv; an empty "command" beside a "program" is the
/// program's. False with *problem (no command, a bad value); *spec then holds what was read.
bool fromJson(const QJsonObject &o, JobSpec *spec, Problem *problem);

/// A string, or a number or true/false as text. Null, an object, an array or a NUL character
/// (which would cut a command line short) are refused with *problem.
bool scalarText(const QJsonValue &v, QString *out, QString *problem);

} // namespace jobspecjson
} // namespace procdeck
