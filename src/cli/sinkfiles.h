#pragma once
// The files OutputSink's thread reads and writes besides its descriptor: a growing spill file's
// last line, and the files of --results and --files.

#include <QByteArray>
#include <QString>

namespace sinkfiles {

/// The offset just after the last newline of the file's bytes [from, to), or `from` when there
/// is none: read backwards, 64 KiB at a time (a line is usually found in the last read).
qint64 lastLineEnd(int in, qint64 from, qint64 to);
/// Makes every folder of `path` up to its last '/', each in turn as written: `a/1/../stdout`
/// needs a/1 (QDir::mkpath would clean the `..` away first).
void makeFolders(const QByteArray &path);
/// A new file parXXXXX.par in `folder`, as parallel's --files makes them (mode 0600): its
/// descriptor, or -1 with errno set; *name is its path.
int newParFile(const QString &folder, QString *name);
/// Where --files puts its files: $TMPDIR as written (--tmpdir's folder, relative if it was), as
/// parallel names them; /tmp without it.
QString parFolder();
/// open(2), waiting up to 5 s while the process is out of descriptors (EMFILE, ENFILE): a job
/// starting holds a few for a moment, and the printer's thread can wait where a job's output
/// must not be lost. -1 with errno set otherwise.
int openWaiting(const QByteArray &path, int flags, int mode = 0);
/// Writes every byte to `fd`; false with errno set when it could not.
bool writeAll(int fd, const char *data, qsizetype size);
/// `size` bytes of the file `from` into `out`; false with errno set when they could not be
/// written (a file shorter than said, or missing when `size` is 0, is not an error: the job's
/// own report says what was lost).
bool copyFile(int out, const QString &from, qint64 size);

} // namespace sinkfiles
