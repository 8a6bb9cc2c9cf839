#pragma once

#include <QString>

namespace procdeck {

class Job;

/// The words for an idle job: a running job whose tree used no CPU and did no storage I/O for
/// longer than the idle setting (the sampler tells it: JobUsage::idleMs). Translated in
/// JobTableModel's context, whose state cell and tooltip show them.
namespace jobidle {

/// How long a running job has been idle (0: not idle, or not running).
qint64 idleMs(const Job &job);
/// "45 s", "3 min", "1 h 5 min": how long a job has been quiet.
QString formatQuiet(qint64 ms);
/// The state cell's words for an idle job ("idle 3 min").
QString text(qint64 ms);
/// What an idle job waits for ("No CPU or I/O for 3 min — its process sleeping in read
/// (anon_pipe_read)"); empty when it is not idle.
QString toolTip(const Job &job);

} // namespace jobidle
} // namespace procdeck
