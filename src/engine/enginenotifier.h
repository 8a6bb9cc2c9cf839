#pragma once

#include "core/scheduling/endnotices.h"

#include <QObject>

class EngineCore;

namespace procdeck {
class Job;
}

/// The desktop notifications of the engine's jobs (a batch that ends with no window open is when
/// they matter most): org.freedesktop.Notifications on the session bus the engine inherited from
/// the client that started it, by the window's rule and in its words (EndNotices), with the
/// person's setting (notify/enabled, notify/afterSeconds). The window tells of its own jobs
/// only. Asynchronous: the engine never waits on the bus; no bus, no notification (in the log).
class EngineNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineNotifier)

public:
    explicit EngineNotifier(const EngineCore *core, QObject *parent = nullptr);

private:
    void onJobEnded(procdeck::Job *job);
    void send(const procdeck::EndNotice &notice);

    procdeck::EndNotices m_notices;
    bool m_saidNoBus = false;
};
