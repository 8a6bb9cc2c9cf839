#pragma once

#include "sshlogin.h"

#include <QList>
#include <QObject>
#include <QProcess>
#include <QSet>

#include <memory>
#include <vector>

namespace procdeck {

/// The job slots of a list of ssh logins (GNU parallel's -S): N per login as given (`N/`), else
/// the -j value when one was given, else the login's CPU count, asked once (`ssh … nproc`,
/// asynchronously; `:` is this computer's). A login still being asked offers no slot yet; one
/// that cannot be asked gets one slot, so that its jobs fail with ssh's own message (or move to
/// another login when they are tried again).
class HostSlots final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostSlots)

public:
    /// `slotsPerLogin`: -j, for the logins without N/ (0: ask each for its CPU count).
    HostSlots(QList<SshLogin> logins, int slotsPerLogin, QObject *parent = nullptr);
    ~HostSlots() override;

    int count() const { return int(m_logins.size()); }
    const SshLogin &login(int index) const { return m_logins.at(index); }
    int slotCount(int index) const { return m_slots.at(size_t(index)); } ///< 0 while being asked
    int busy(int index) const { return m_busy.at(size_t(index)); }
    /// Slots in all, as far as known.
    int totalSlots() const;

    /// Takes a free slot: the least busy login (by share of its slots) not in `avoid`; a login
    /// in `avoid` only when no other has a free slot. Returns the login's index, -1 if none free.
    int acquire(const QSet<int> &avoid = {});
    void release(int index);

signals:
    /// A login's slot count became known: more jobs may start.
    void slotsChanged();
    /// A slot was taken or given back.
    void busyChanged();

private:
    void ask(int index);

    QList<SshLogin> m_logins;
    std::vector<int> m_slots;
    std::vector<int> m_busy;
    std::vector<std::unique_ptr<QProcess>> m_asking;
};

} // namespace procdeck
