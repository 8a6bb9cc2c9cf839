#pragma once

#include <QList>
#include <QObject>
#include <QSocketNotifier>

#include <memory>

namespace procdeck {

/// Turns SIGINT/SIGTERM (or any signals given) into a Qt signal delivered in the event loop,
/// through the self-pipe trick: the handler only counts the signal and writes to an eventfd.
/// One instance per process.
class UnixSignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnixSignalWatcher)

public:
    explicit UnixSignalWatcher(const QList<int> &signals_, QObject *parent = nullptr);
    ~UnixSignalWatcher() override; ///< restores the default dispositions

signals:
    void received(int signalNumber);

private:
    void onReadable();
    QList<int> m_signals;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace procdeck
