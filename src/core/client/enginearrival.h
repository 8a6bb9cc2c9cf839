#pragma once

#include <QFileSystemWatcher>
#include <QObject>

namespace procdeck {

/// Says when an engine may have started on the user's socket: a window opened while none ran
/// (it starts none for nothing) attaches to the one that another window, procdeck-cli or a
/// script starts later. Watches the socket's folder (inotify), so nothing polls; a change there
/// is only a hint, and the attach that follows is the check.
class EngineArrival final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineArrival)

public:
    explicit EngineArrival(QObject *parent = nullptr);

    /// From now on, says arrived() when the socket's folder changes and the socket is there.
    /// The folder must exist (EngineConnection::open() makes it); idempotent.
    void watch();
    /// While attached: nothing to say.
    void stop();

signals:
    void arrived();

private:
    QFileSystemWatcher m_watcher;
};

} // namespace procdeck
