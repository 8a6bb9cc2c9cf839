#include "systemfigures.h"

#include <QFile>

namespace procdeck::systemfigures {

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    // /proc's files have no size: read until the end, not size() bytes.
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// The number after `name` at the start of a line of `text` ("procs_running 3", "MemFree: 7012
/// kB"); -1 when no line has it.
qint64 field(const QByteArray &text, const QByteArray &name)
{
    for (const QByteArray &line : text.split('\n')) {
        if (!line.startsWith(name))
            continue;
        bool ok = false;
        const qint64 value = line.mid(name.size()).simplified().split(' ').value(0).toLongLong(&ok);
        return ok ? value : -1;
    }
    return -1;
}

} // namespace

QString procDir()
{
    const QString dir = qEnvironmentVariable("PROCDECK_TEST_PROC");
    return dir.isEmpty() ? QStringLiteral("/proc") : dir;
}

SystemFigures read()
{
    const QString dir = procDir();
    SystemFigures f;
    const QByteArray stat = readAll(dir + QStringLiteral("/stat"));
    const qint64 running = field(stat, "procs_running ");
    const qint64 blocked = field(stat, "procs_blocked ");
    if (running >= 0 && blocked >= 0)
        f.load = double(qMax<qint64>(0, running + blocked - 1)); // this thread runs, reading
    const QByteArray meminfo = readAll(dir + QStringLiteral("/meminfo"));
    qint64 kb = 0;
    for (const char *name : {"MemFree:", "Buffers:", "Cached:", "SwapCached:"}) {
        const qint64 value = field(meminfo, name);
        if (value < 0)
            return f; // the free figure unknown: parallel would not start either
        kb += value;
    }
    f.freeBytes = kb * 1024;
    return f;
}

} // namespace procdeck::systemfigures
