#pragma once

#include "recordpruner.h"

#include <QByteArray>
#include <QCborMap>
#include <QObject>
#include <QThread>

#include <atomic>

namespace procdeck {

/// Decodes one connection's frames on a thread of its own, in the order they are given, and
/// hands the messages back on the thread this object lives on (issue 25): a window attaching to
/// an engine with 100,000 jobs prunes and decodes the watch's pages beside its event loop, which
/// meanwhile makes the rows of the pages decoded before.
class FrameDecoder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FrameDecoder)

public:
    /// Each frame's records are cut by `pruner` before they are decoded (FrameReader::decode()).
    explicit FrameDecoder(const RecordPruner &pruner, QObject *parent = nullptr);
    /// Frames not decoded yet are dropped; waits for the one under way (a page: milliseconds).
    ~FrameDecoder() override;

    /// Decodes `frame` (FrameReader::nextFrame()'s) on the thread: decoded() or failed() comes
    /// for it, after those of the frames given before.
    void decode(QByteArray frame);
    /// Frames given and not answered yet.
    int inFlight() const { return m_inFlight; }

signals:
    void decoded(const QCborMap &message);
    /// The frame is not a message (FrameReader::decode()'s words): the stream is over.
    void failed(const QString &error);

private:
    void answer(const QCborMap &message, const QString &error);

    const RecordPruner m_pruner;
    QThread m_thread;
    QObject *m_onThread; ///< the thread's context for each decode
    std::atomic_bool m_stopping{false};
    int m_inFlight = 0;
};

} // namespace procdeck
