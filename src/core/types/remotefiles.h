#pragma once

#include <QString>
#include <QStringList>

namespace procdeck {

/// GNU parallel's files for one job run on an ssh login (--transfer, --return, --cleanup, --wd):
/// copied there before it runs, copied back after it, removed there at its end. The names are as
/// the job's values made them (not quoted), relative to the local working directory. A job run
/// on this computer copies nothing.
struct RemoteFiles {
    QStringList transfer;    ///< --transfer, --transferfile: copied there first (rsync -R)
    QStringList returns;     ///< --return: copied back after the job, wherever it ended
    bool cleanup = false;    ///< --cleanup: both lists removed there afterwards
    /// The folder there the job runs in and the files go to: relative to the login's home, or
    /// absolute. "." (the home) unless --wd was given.
    QString workdir = QStringLiteral(".");
    bool changeDir = false;     ///< --wd given: the job runs in `workdir` (made when missing)
    bool removeWorkdir = false; ///< --wd ...: a folder of its own there, removed at the end

    bool isEmpty() const
    {
        return transfer.isEmpty() && returns.isEmpty() && !cleanup && !changeDir;
    }
    friend bool operator==(const RemoteFiles &a, const RemoteFiles &b)
    {
        return a.transfer == b.transfer && a.returns == b.returns && a.cleanup == b.cleanup
            && a.workdir == b.workdir && a.changeDir == b.changeDir
            && a.removeWorkdir == b.removeWorkdir;
    }
};

} // namespace procdeck
