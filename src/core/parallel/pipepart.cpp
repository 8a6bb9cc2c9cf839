// --pipepart: the blocks are byte ranges of a file, each read by its job itself.
#include "pipeplan.h"

#include "parallelsettings.h"
#include "paralleloptions.h"

#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <unistd.h>

namespace procdeck {

using namespace procdeck::parallel;

namespace {

constexpr qint64 kProbe = 131072; // parallel reads 2^17 bytes at a time looking for a boundary

/// parallel's find_split_positions: from `skip`, every `block` bytes, the first record
/// boundary at or after it (the position moves there); the file's end last.
QList<qint64> splitPositions(QFile &file, qint64 skip, qint64 block, const PipeRules &rules)
{
    const qint64 size = file.size();
    const QByteArray recend = rules.recend.toLatin1();
    const QByteArray separator = recend + rules.recstart.toLatin1();
    const QRegularExpression boundary(
            QStringLiteral("^(.*(?:(?-x:%1)))(?:(?-x:%2))").arg(rules.recend, rules.recstart),
            QRegularExpression::DotMatchesEverythingOption);
    QList<qint64> positions{skip};
    for (qint64 pos = block + skip; pos < size; pos += block) {
        if (!rules.regexp && separator.isEmpty()) {
            positions << pos;
            continue;
        }
        file.seek(pos);
        QByteArray buffer;
        for (QByteArray more; !(more = file.read(kProbe)).isEmpty();) {
            buffer += more;
            qint64 end = -1;
            if (rules.regexp) {
                const auto m = boundary.match(QString::fromLatin1(buffer));
                end = m.hasMatch() ? m.capturedLength(1) : -1;
            } else {
                const qint64 at = buffer.indexOf(separator);
                end = at < 0 ? -1 : at + recend.size();
            }
            if (end >= 0) {
                pos += end;
                positions << pos;
                break;
            }
        }
    }
    if (positions.last() != size)
        positions << size;
    return positions;
}

/// The block size: --block, or parallel's default for --pipepart (-10: ten parts a job slot;
/// -N: N parts a slot).
bool partBlockSize(const Settings &s, qint64 fileSize, int slotCount, qint64 *block, QString *error)
{
    // --round-robin: parallel's -1, a part a job slot.
    QString text = s.pipe.roundRobin  ? QStringLiteral("-1")
            : s.pipe.block.isEmpty() ? QStringLiteral("-10")
                                     : s.pipe.block;
    const bool perSlot = text.startsWith(QLatin1Char('-'));
    qint64 value = 0;
    if (!readBlockSize(perSlot ? text.mid(1) : text, &value)) {
        *error = QStringLiteral("--block: not a size: '%1'").arg(text);
        return false;
    }
    *block = perSlot ? 1 + fileSize / std::max(1, slotCount) / value : value;
    return true;
}

QString partReader(const QString &file, qint64 headerSize, qint64 from, qint64 to)
{
    const QString f = shellQuote(file);
    QString reader = QStringLiteral("< %1 dd bs=128K iflag=skip_bytes,count_bytes skip=%2 "
                                    "count=%3 status=none")
                             .arg(f)
                             .arg(from)
                             .arg(to - from);
    if (headerSize > 0)
        reader = QStringLiteral("{ head -c %1 %2; %3; }").arg(headerSize).arg(f, reader);
    return reader;
}

} // namespace

namespace pipeplan {

bool makePartJobs(const Settings &s, const PipePlan &plan, QList<JobSpec> *jobs, QString *error)
{
    if (s.argFiles.size() != 1) {
        *error = QStringLiteral("--pipepart needs one file: -a FILE");
        return false;
    }
    const QString path = s.argFiles.first();
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("--pipepart only works on seekable files: '%1' is not one that "
                                "can be read")
                         .arg(path);
        return false;
    }
    qint64 block = 0;
    if (!partBlockSize(s, file.size(), plan.slotCount, &block, error))
        return false;
    PipeRules rules = plan.rules;
    rules.blockSize = block;
    qint64 headerSize = 0;
    if (!rules.header.isEmpty()) {
        PipeSplitter header(rules, [&file](char *b, qint64 n) { return file.read(b, n); });
        QByteArray ignored;
        qint64 at = 0;
        header.next(&ignored, &at);
        headerSize = header.header().size();
    }
    const QList<qint64> at = splitPositions(file, headerSize, block, rules);
    for (qsizetype i = 0; i + 1 < at.size(); ++i) {
        const int seq = int(i) + 1;
        JobSpec spec = plan.base;
        const int slot = (seq - 1) % std::max(1, plan.slotCount) + 1;
        const QString command = plan.command.expand({}, seq, slot, Trim::None, &spec.slotAt);
        const QString reader = partReader(path, headerSize, at.at(i), at.at(i + 1)) + " | (";
        for (qsizetype &offset : spec.slotAt)
            offset += reader.size();
        spec.shellCommand = reader + command + QStringLiteral("\n)");
        spec.values = QStringList{blockValue(at.at(i), at.at(i + 1) - at.at(i))};
        spec.environment << QStringLiteral("PARALLEL_SEQ=%1").arg(seq);
        *jobs << spec;
    }
    return true;
}

} // namespace pipeplan
} // namespace procdeck
