#pragma once

// What the screenshot scenes share: waiting for the window to get somewhere (a tool, not the
// window: it may wait).

#include <QCoreApplication>
#include <QDir>
#include <QWidget>

#include <cstdio>
#include <QDeadlineTimer>
#include <QThread>

namespace scenewait {

/// Runs the event loop until `done()` holds or `ms` pass.
template<typename F>
bool waitUntil(F done, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(10);
    }
    return done();
}

/// Saves a picture of `w` as `dir`/`name` and says where (or that it could not).
inline void grab(QWidget *w, const QString &dir, const QString &name)
{
    const QString path = QDir(dir).filePath(name);
    if (!w->grab().save(path))
        std::fprintf(stderr, "could not save %s\n", qPrintable(path));
    else
        std::printf("%s\n", qPrintable(path));
}

} // namespace scenewait
