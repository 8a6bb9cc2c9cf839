#pragma once

#include "jobspec.h"

#include <QJsonObject>
#include <QStringList>

namespace procdeck {

/// A job spec's steering keys in JSON (jobspecjson.h): "retries" and "retry_delay_s" (settings:
/// a batch file's "defaults" or a job), "id", "after" and "after_success" (a job's).
namespace steeringjson {

const QStringList &settingKeys(); ///< retries, retry_delay_s
const QStringList &jobKeys();     ///< id, after, after_success

/// Reads the keys of `keys` present in `o` into `spec`. False with *key (the offending key)
/// and *problem (what was expected).
bool read(const QJsonObject &o, const QStringList &keys, JobSpec *spec, QString *key,
          QString *problem);
/// Writes the retry settings, always (a job's 0 must override its defaults' 3).
void writeSettings(const JobSpec &spec, QJsonObject *o);
/// Writes a job's id and what it waits for, when it has them.
void writeJobKeys(const JobSpec &spec, QJsonObject *o);

} // namespace steeringjson
} // namespace procdeck
