#pragma once
// GNU parallel's --transfer, --return, --cleanup, --trc and --wd for each job: its file names and
// folder there as its values make them (unquoted, as parallel's replace_placeholders(…,0,0)).

#include "parallelsettings.h"
#include "paralleltemplate.h"
#include "types/remotefiles.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace procdeck {
struct RunRequest;
}

namespace procdeck::parallel {

/// Once the jobs are made: with no remote login, parallel's warning and --wd as the folder the
/// jobs run in here (made when missing); with --ssh-workers, a refusal (the worker copies no
/// files). False with a one-line *error.
bool settleRemoteFiles(const RemoteSettings &given, RunRequest *request, QString *error);

class RemoteFilesPlan final
{
public:
    /// `names.whole`: -I's replacement string, what --transfer and --trc copy when no
    /// --transferfile.
    RemoteFilesPlan(const RemoteSettings &given, const ReplacementNames &names);

    bool isEmpty() const { return m_empty; }
    /// Job `seq`'s files; an empty RemoteFiles when none of the options was given.
    RemoteFiles forJob(const QStringList &args, int seq, int slot, Trim trim) const;
    /// parallel's warning when the options were given but no login is remote ("--trc ignored as
    /// there are no remote --sshlogin."); empty when none was given.
    static QString unusedWarning(const RemoteSettings &given);
    /// --wd .: the current folder as a path under the home folder when it is in it (parallel
    /// finds the home by its device and inode), else absolute.
    static QString currentUnderHome();

private:
    bool m_empty = true;
    QList<CommandTemplate> m_transfer;
    QList<CommandTemplate> m_returns;
    bool m_cleanup = false;
    QString m_workdir; ///< as given
    bool m_hasWorkdir = false;
    CommandTemplate m_workdirTemplate;
    QString m_here;    ///< --wd .'s folder, looked up once
};

} // namespace procdeck::parallel
