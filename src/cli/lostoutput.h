#pragma once

#include <QSet>
#include <QString>

#include <functional>

namespace procdeck {
class Job;
class OutputLog;
} // namespace procdeck

/// Says, once for each stream, what of its output could not all be kept on disk (a full disk, a
/// file size limit). The spill files are written on a thread of their own (SpillWriter), so a
/// write can fail after its job's end was reported: what is known is said as a job ends, and
/// the rest once the writer is done (SpillWriter::syncAll()), before the run's exit status.
class LostOutput final
{
public:
    using Say = std::function<void(const QString &line)>;
    explicit LostOutput(Say say) : m_say(std::move(say)) {}

    /// Says what is known now to be lost of the job's output, unless it was said; `command` is
    /// the job's command as the lines show it. True when something was said.
    bool report(const procdeck::Job &job, int number, const QString &command);

private:
    Say m_say;
    QSet<const procdeck::OutputLog *> m_said; ///< the streams whose loss was said
};
