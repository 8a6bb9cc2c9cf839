#pragma once

#include "core/scheduling/scheduler.h"

#include <QCborMap>
#include <QHash>
#include <QObject>
#include <QSet>

class StdioChannel;

/// procdeck-cli --worker (docs/protocol.md, "The worker"): runs the job specs its peer sends
/// ("run") with the engine's guarantees — each job a process group, escapees swept, timeouts,
/// kill, pause, signals, output byte for byte — and sends back their output, their start and
/// their end (the record the engine's watch sends). The peer decides how many run at once: every
/// job sent is started. The connection's end (stdin closed, stdout unwritable, SIGTERM, SIGHUP,
/// SIGINT) ends every job as quitting does (SIGTERM, SIGKILL after its grace), then the worker.
class WorkerServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkerServer)

public:
    explicit WorkerServer(StdioChannel *channel, QObject *parent = nullptr);
    ~WorkerServer() override;

    /// Says hello and starts reading.
    void start();
    /// The connection is over: ends every job, then finished().
    void endAll(const QString &reason);

signals:
    /// Every job has ended: the worker may exit with `status` (0, or 255 for a broken peer).
    void finished(int status);

private:
    void onMessage(const QCborMap &message);
    bool runJob(const QCborMap &message, QString *error);
    void steer(const QCborMap &message);
    void pump();
    bool pumpJob(procdeck::Job *job);
    void sendEnded(procdeck::Job *job);
    void sweepEnded();
    void finishIfDone();

    StdioChannel *m_channel;
    procdeck::Scheduler m_scheduler;
    QString m_runFolder;
    QHash<qint64, procdeck::Job *> m_byId;   ///< the peer's numbers for the jobs not yet ended
    QHash<const procdeck::Job *, qint64> m_idOf;
    struct Sent {
        qint64 bytes[2] = {0, 0};
    };
    QHash<const procdeck::Job *, Sent> m_sent;
    QSet<procdeck::Job *> m_dirty;           ///< output or an end not sent yet
    int m_endedUnsent = 0;                   ///< ended jobs whose end is not sent yet
    int m_endedSent = 0;                     ///< ended and sent, not yet dropped
    bool m_sweepSoon = false;                ///< removeEnded() is on its way
    bool m_ending = false;
    int m_status = 0;
};

/// procdeck-cli --worker: serves its stdin and stdout until the connection's end has ended every
/// job; returns the status to exit with.
int runWorker();
