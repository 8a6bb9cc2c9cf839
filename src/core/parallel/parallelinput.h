#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

class QIODevice;
class QRegularExpression;

namespace procdeck::parallel {

/// One input source of GNU parallel's command line: the values after a :::, one file of :::: or
/// -a, or standard input.
struct InputSource {
    QStringList values;
    bool linked = false; ///< :::+ or ::::+ — paired value by value with the source before it
    QString file = {}; ///< the file named for it (-a, ::::), which --header 0 names its column by
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

/// The bytes of a file of values (:::: or -a); "-" is `standardInput` (null: none to read).
bool readSource(const QString &path, QIODevice *standardInput, QByteArray *bytes, QString *error);

/// The kernel takes at most this many bytes in one argument (MAX_ARG_STRLEN, its NUL not
/// counted): a longer command for `/bin/sh -c` could never start.
constexpr qsizetype kMaxCommandBytes = 131071;

/// parallel's refusal of a command line too long to run, before anything runs (its exit status
/// 255): false with *error naming the first such command (its job and its start) when one of
/// `commands` is longer than kMaxCommandBytes.
bool commandsFit(const QStringList &commands, QString *error);

/// --colsep: a value split at every match of `separator`, empty fields kept.
QStringList splitColumns(const QString &value, const QRegularExpression &separator);

} // namespace procdeck::parallel
