#pragma once

#include "types/jobrecord.h"

#include <QCborStreamWriter>

namespace procdeck {

class Job;

/// A job's record as the engine sends it ("jobs", "changed", "status"): the JSON Lines
/// export's fields without its output, written straight as CBOR. Its decoded content equals
/// QCborMap::fromJsonObject(runlog::toJson(ExportEntry::recordOf(job))), key for key and type
/// for type (tst_jobrecordcbor holds it to that); made through JSON, 100,000 records cost the
/// engine 2-3 s of CPU, which a window attaching to them waited for.
namespace jobrecordcbor {

/// Writes one record (a map) to `w`.
void write(QCborStreamWriter &w, const JobRecord &r, bool stdoutTruncated,
           bool stderrTruncated);
void write(QCborStreamWriter &w, const Job &job);

} // namespace jobrecordcbor
} // namespace procdeck
