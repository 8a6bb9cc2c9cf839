#pragma once

// What the screenshot scenes share: waiting for the window to get somewhere (a tool, not the
// window: it may wait).

#include <QCoreApplication>
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

} // namespace scenewait
