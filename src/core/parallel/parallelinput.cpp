#include "parallelinput.h"

#include "types/rawbytes.h"

#include <QFile>
#include <QIODevice>
#include <QRegularExpression>

#include <algorithm>

namespace procdeck::parallel {

QList<QByteArray> splitRecords(const QByteArray &bytes, const QByteArray &delimiter)
{
    QList<QByteArray> records;
    qsizetype at = 0;
    while (at < bytes.size()) {
        const qsizetype end = delimiter.isEmpty() ? -1 : bytes.indexOf(delimiter, at);
        if (end < 0) {
            records.append(bytes.mid(at));
            break;
        }
        records.append(bytes.mid(at, end - at));
        at = end + delimiter.size();
    }
    return records;
}

QByteArray joinValues(const QStringList &values, const QByteArray &delimiter)
{
    QByteArray bytes;
    for (const QString &v : values)
        bytes += rawbytes::toBytes(v) + delimiter;
    return bytes;
}

QList<QStringList> combine(const QList<InputSource> &sources, bool linkAll)
{
    QList<QStringList> sets;
    if (sources.isEmpty())
        return sets;
    if (std::all_of(sources.cbegin(), sources.cend(),
                    [](const InputSource &s) { return s.values.isEmpty(); }))
        return sets;
    // parallel fills an empty source's first slot with an empty value when others have values.
    QList<QStringList> values;
    for (const InputSource &s : sources)
        values.append(s.values.isEmpty() ? QStringList{QString()} : s.values);

    if (linkAll) {
        qsizetype longest = 0;
        for (const QStringList &v : std::as_const(values))
            longest = std::max(longest, v.size());
        for (qsizetype i = 0; i < longest; ++i) {
            QStringList set;
            for (const QStringList &v : std::as_const(values))
                set.append(v.at(i % v.size()));
            sets.append(set);
        }
        return sets;
    }

    // Groups of linked sources: each advances as one, as long as its shortest member.
    struct Group {
        qsizetype first = 0;
        qsizetype count = 0;
        qsizetype length = 0;
    };
    QList<Group> groups;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i == 0 || !sources.at(i).linked)
            groups.append(Group{i, 0, values.at(i).size()});
        Group &g = groups.last();
        ++g.count;
        g.length = std::min(g.length, values.at(i).size());
    }
    if (std::any_of(groups.cbegin(), groups.cend(), [](const Group &g) { return g.length == 0; }))
        return sets;
    // An odometer over the groups, the last one turning fastest.
    QList<qsizetype> index(groups.size(), 0);
    while (true) {
        QStringList set;
        for (qsizetype g = 0; g < groups.size(); ++g)
            for (qsizetype s = groups.at(g).first; s < groups.at(g).first + groups.at(g).count; ++s)
                set.append(values.at(s).at(index.at(g)));
        sets.append(set);
        qsizetype g = groups.size() - 1;
        while (g >= 0 && ++index[g] == groups.at(g).length) {
            index[g] = 0;
            --g;
        }
        if (g < 0)
            break;
    }
    return sets;
}

QStringList splitColumns(const QString &value, const QRegularExpression &separator)
{
    if (value.isEmpty())
        return {QString()};
    return value.split(separator, Qt::KeepEmptyParts);
}

bool readSource(const QString &path, QIODevice *standardInput, QByteArray *bytes, QString *error)
{
    if (path == QLatin1String("-")) {
        if (!standardInput) {
            *error = QStringLiteral("no standard input to read values from here: give them "
                                    "after ::: or in a file after ::::");
            return false;
        }
        *bytes = standardInput->readAll();
        return true;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the input file '%1': %2")
                     .arg(path, file.errorString());
        return false;
    }
    *bytes = file.readAll();
    return true;
}

bool commandsFit(const QStringList &commands, QString *error)
{
    for (qsizetype i = 0; i < commands.size(); ++i) {
        const qsizetype bytes = rawbytes::toBytes(commands.at(i)).size();
        if (bytes > kMaxCommandBytes) {
            *error = QStringLiteral("command line too long (%1 bytes; at most %2) for job %3: %4…")
                         .arg(bytes)
                         .arg(kMaxCommandBytes)
                         .arg(i + 1)
                         .arg(commands.at(i).left(50));
            return false;
        }
    }
    return true;
}

} // namespace procdeck::parallel
