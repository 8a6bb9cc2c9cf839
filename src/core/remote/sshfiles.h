#pragma once

#include "types/remotefiles.h"

#include <QString>
#include <QStringList>

/// GNU parallel's remote files for a job on an ssh login (--transfer, --return, --cleanup, --wd),
/// as parallel 20221122 writes them: the same rsync and ssh commands, the same paths (relative
/// ones kept with rsync -R, a leading ./ cut, absolute ones where they are, /./ as rsync reads
/// it), so that the files there and back are the same byte for byte.
namespace procdeck::sshfiles {

/// parallel's shell_quote_scalar for Bourne shells: quoted in '…' only when it needs it.
QString quote(const QString &text);
/// parallel's shell_quote_file: quote(), a relative path written ./path.
QString quoteFile(const QString &path);
/// Perl's File::Basename dirname and basename, which parallel's paths go through.
QString dirname(const QString &path);
QString basename(const QString &path);

/// What goes before the job's command on the login's shell for --wd: the folder made when
/// missing, entered, exit 255 when it cannot be. Empty without --wd.
QString changeDir(const RemoteFiles &files);

/// The local shell line that runs `sshLine` (the job's `ssh … host '…'`, a shell line) between
/// the copies: parallel's sshlogin_wrap, `TRANSFERS; sshLine; _EXIT_status=$?; RETURNS
/// CLEANUPS exit $_EXIT_status;` — the job's exit status is its command's. `ssh` is the ssh
/// command and its options, shell text as parallel gives it (rsync's -e), `host` the login's
/// [user@]host.
QString wrap(const QString &ssh, const QString &host, const RemoteFiles &files,
             const QString &sshLine);

/// parallel's setup_basefile for one login: each of `files.transfer` copied to `files.workdir`
/// there (a shell line; a file that cannot be read is left out with a warning).
QString baseSetup(const QString &ssh, const QString &host, const RemoteFiles &files);
/// parallel's cleanup_basefile for one login: each of them removed there, with the folders it
/// made that are empty now.
QString baseCleanup(const QString &ssh, const QString &host, const RemoteFiles &files);

} // namespace procdeck::sshfiles
