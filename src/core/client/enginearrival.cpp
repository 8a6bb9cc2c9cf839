#include "enginearrival.h"

#include "protocol/enginepaths.h"

#include <QFileInfo>

namespace procdeck {

EngineArrival::EngineArrival(QObject *parent) : QObject(parent)
{
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        if (QFileInfo::exists(enginepaths::socketPath()))
            emit arrived();
    });
}

void EngineArrival::watch()
{
    const QString folder = QFileInfo(enginepaths::socketPath()).absolutePath();
    if (m_watcher.directories().isEmpty())
        m_watcher.addPath(folder);
}

void EngineArrival::stop()
{
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
}

} // namespace procdeck
