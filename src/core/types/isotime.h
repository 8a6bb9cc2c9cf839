#pragma once

#include <QDateTime>
#include <QString>

namespace procdeck::isotime {

/// ISO 8601 in UTC with milliseconds ("2026-11-26T00:36:00.123Z"), or "" for an invalid time:
/// the one time format of the exports, the reports and the history.
QString format(const QDateTime &t);
/// The reverse; an invalid time for "" or text that is not one.
QDateTime parse(const QString &text);
/// parse()'s time in ms since the epoch; 0 for "" or text that is not a time.
qint64 epochMs(const QString &text);

} // namespace procdeck::isotime
