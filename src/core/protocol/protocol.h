#pragma once

#include <QByteArray>
#include <QCborArray>
#include <QCborMap>
#include <QList>
#include <QString>

/// The engine's protocol (docs/protocol.md): frames of a 4-byte big-endian length and one CBOR
/// map, each map a message whose "type" says what it is. Shared by procdeck-engine and its
/// clients; it knows messages, not what the engine does with them.
namespace procdeck::protocol {

/// The version both sides name in "hello"; a side that does not speak the other's refuses it.
constexpr int kVersion = 1;
/// The largest payload a frame may carry. A longer length (4 GiB included) closes the
/// connection: the reader never holds more than this for one peer.
constexpr quint32 kMaxFrameBytes = 16 * 1024 * 1024;
/// What one peer may have waiting to be sent to it; past it, it is dropped and told why.
constexpr qint64 kMaxSendBytes = 8 * 1024 * 1024;

/// The message types (the "type" key's values).
namespace type {
inline const QString hello = QStringLiteral("hello");
inline const QString error = QStringLiteral("error");
inline const QString submit = QStringLiteral("submit");
inline const QString submitted = QStringLiteral("submitted");
inline const QString status = QStringLiteral("status");
inline const QString jobs = QStringLiteral("jobs");
inline const QString end = QStringLiteral("end");
inline const QString follow = QStringLiteral("follow");
inline const QString unfollow = QStringLiteral("unfollow");
inline const QString output = QStringLiteral("output");
inline const QString ended = QStringLiteral("ended");
inline const QString wait = QStringLiteral("wait");
inline const QString waited = QStringLiteral("waited");
inline const QString kill = QStringLiteral("kill");
inline const QString pause = QStringLiteral("pause");
inline const QString resume = QStringLiteral("resume");
inline const QString signal = QStringLiteral("signal");
inline const QString priority = QStringLiteral("priority");
inline const QString order = QStringLiteral("order");
inline const QString steered = QStringLiteral("steered");
inline const QString stop = QStringLiteral("stop");
inline const QString stopping = QStringLiteral("stopping");
inline const QString retire = QStringLiteral("retire");
inline const QString retiring = QStringLiteral("retiring");
inline const QString watch = QStringLiteral("watch");
inline const QString changed = QStringLiteral("changed");
inline const QString refused = QStringLiteral("refused");
inline const QString exportRuns = QStringLiteral("export"); ///< `export` is a C++ keyword
inline const QString exported = QStringLiteral("exported");
inline const QString again = QStringLiteral("again");
inline const QString parallel = QStringLiteral("parallel");
// procdeck-cli --worker's (docs/protocol.md, "The worker").
inline const QString run = QStringLiteral("run");
inline const QString started = QStringLiteral("started");
} // namespace type

/// One frame: the length, then `message` as CBOR.
QByteArray encode(const QCborMap &message);
/// A message of `type` with `fields` added.
QCborMap message(const QString &type, const QCborMap &fields = {});
/// An "error" message: what went wrong, as a person reads it.
QCborMap error(const QString &reason);
/// Job numbers as the messages carry them (an array of integers).
QCborArray numberArray(const QList<int> &numbers);
/// The message's "type", empty when it has none that is text.
QString typeOf(const QCborMap &message);

} // namespace procdeck::protocol
