#include "slurmstepfiles.h"

#include <QFile>

namespace procdeck {

namespace {
/// One write() of a short line: read() sees all of it or nothing (no newline yet). Its status is
/// 0 whatever happens: a failed prolog would keep srun from launching the job.
constexpr char kProlog[] = "#!/bin/sh\n"
                           "# ProcDeck: the id and node of the step srun is about to launch\n"
                           "[ -n \"$PROCDECK_SLURM_STEP\" ] && printf '%s.%s|%s\\n' "
                           "\"$SLURM_JOB_ID\" \"$SLURM_STEP_ID\" \"$SLURM_NODELIST\" "
                           "> \"$PROCDECK_SLURM_STEP\"\n"
                           "exit 0\n";
} // namespace

SlurmStepFiles::SlurmStepFiles()
    : m_dir(QDir::tempPath() + QStringLiteral("/procdeck-steps-XXXXXX"))
{
    if (!m_dir.isValid())
        return;
    QFile script(prolog());
    m_valid = script.open(QIODevice::WriteOnly)
        && script.write(kProlog, sizeof kProlog - 1) == qint64(sizeof kProlog - 1)
        && script.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                 | QFileDevice::ExeOwner);
}

QString SlurmStepFiles::prolog() const
{
    return m_dir.filePath(QStringLiteral("prolog"));
}

QString SlurmStepFiles::fileFor(const QString &jobName) const
{
    return m_dir.filePath(jobName + QStringLiteral(".step"));
}

std::optional<SlurmStepFiles::Told> SlurmStepFiles::read(const QString &jobName) const
{
    QFile file(fileFor(jobName));
    if (!m_valid || !file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray line = file.read(4096);
    const int bar = line.indexOf('|');
    if (!line.endsWith('\n') || bar <= 0)
        return std::nullopt;
    return Told{QString::fromUtf8(line.left(bar)), QString::fromUtf8(line.mid(bar + 1).trimmed())};
}

void SlurmStepFiles::remove(const QString &jobName) const
{
    if (m_valid)
        QFile::remove(fileFor(jobName));
}

} // namespace procdeck
