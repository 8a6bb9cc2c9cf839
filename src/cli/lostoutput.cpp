#include "lostoutput.h"

#include "core/output/outputlog.h"
#include "core/process/job.h"

#include <utility>

using namespace procdeck;

bool LostOutput::report(const Job &job, int number, const QString &command)
{
    bool said = false;
    for (const auto &[name, log] :
         {std::pair{"stdout", &job.stdoutLog()}, std::pair{"stderr", &job.stderrLog()}}) {
        const QString error = log->spillError();
        if (error.isEmpty() || m_said.contains(log))
            continue;
        m_said.insert(log);
        m_say(QStringLiteral("job %1 (%2): its %3 could not all be kept: %4")
                      .arg(number)
                      .arg(command, QLatin1String(name), error));
        said = true;
    }
    return said;
}
