#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

class QRegularExpression;

namespace procdeck::parallel {

/// One input source of GNU parallel's command line: the values after a :::, one file of :::: or
/// -a, or standard input.
struct InputSource {
    QStringList values;
    bool linked = false; ///< :::+ or ::::+ — paired value by value with the source before it
};

/// Splits bytes into the records that end with `delimiter`, without it (perl's readline and chomp,
/// which parallel reads every source with); a last record without a delimiter counts too.
QList<QByteArray> splitRecords(const QByteArray &bytes, const QByteArray &delimiter);

/// The bytes parallel reads a ::: group back from: each value followed by the delimiter (so a
/// value holding the delimiter becomes two values, as in parallel).
QByteArray joinValues(const QStringList &values, const QByteArray &delimiter);

/// The argument sets, one per job before -n groups them: every combination of one value from
/// each source, the first source varying slowest; linked sources advance together and stop at the
/// shortest. With `linkAll` (--link) every source is linked and the shorter ones wrap around.
/// An empty source among non-empty ones gives one empty value, as in parallel.
QList<QStringList> combine(const QList<InputSource> &sources, bool linkAll);

/// --colsep: a value split at every match of `separator`, empty fields kept.
QStringList splitColumns(const QString &value, const QRegularExpression &separator);

} // namespace procdeck::parallel
