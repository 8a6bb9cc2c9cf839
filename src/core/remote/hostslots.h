#pragma once

#include "process/helperprocess.h"
#include "types/jobsperlogin.h"
#include "types/sshlogin.h"

#include <QList>
#include <QObject>

#include <memory>
#include <vector>

namespace procdeck {

/// The job slots of every ssh login (GNU parallel's -S) one ProcDeck uses, whichever batches name
/// it: a login's limit is a property of the login, so two batches whose lists share a login share
/// its slots. A login is known by its ssh command and host (not by N/). Its limit is -j as GNU
/// parallel applies it to a login (JobsPerLogin): a number, or one reckoned from the login's CPU
/// threads — N/ when given (parallel's N/ is the CPU count), else asked once (`ssh … nproc`,
/// asynchronously; `:` is this computer's) and only when -j needs it. When a later list names
/// the login again, what that list says is the limit from then on (a person's latest word, e.g.
/// Preferences changed). A login still being asked offers no slot yet; one that cannot be asked
/// counts 1 CPU, so that its jobs fail with ssh's own message (or move to another login when
/// they are tried again).
class HostSlots final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostSlots)

public:
    explicit HostSlots(QObject *parent = nullptr);
    ~HostSlots() override;

    /// The index of `login` (added if new), its limit now as `perLogin` (-j) and `login`'s N/
    /// say. Indexes stay valid for this object's life.
    int use(const SshLogin &login, const JobsPerLogin &perLogin);
    /// use() with -j `slotsPerLogin` (0: the login's CPU count).
    int use(const SshLogin &login, int slotsPerLogin)
    {
        return use(login, JobsPerLogin::fromCount(slotsPerLogin));
    }

    int count() const { return int(m_logins.size()); }
    /// The login as last named (its N/ as then given).
    const SshLogin &login(int index) const { return m_logins.at(size_t(index)).login; }
    int slotCount(int index) const; ///< 0 while its CPU count is being asked; at least 1 then
    int busy(int index) const { return m_logins.at(size_t(index)).busy; }
    /// Slots in all, as far as known (INT_MAX at most: -j 0 is as many as possible).
    int totalSlots() const;

    /// Takes a free slot of one of `among` (indexes): the least busy by share of its slots.
    /// Returns its index, -1 when none of them has a free slot.
    int acquire(const QList<int> &among);
    /// True when one of `among` has a free slot.
    bool hasFree(const QList<int> &among) const;
    void release(int index);

signals:
    /// A login's slot count became known or changed: more jobs may start.
    void slotsChanged();
    /// A slot was taken or given back.
    void busyChanged();

private:
    struct Login {
        SshLogin login;
        JobsPerLogin perLogin; ///< -j as last given
        int cpus = 0;          ///< the CPU count, once asked (0: not yet)
        int busy = 0;
        std::unique_ptr<HelperProcess> asking; ///< the `ssh … nproc` on its way
    };
    void ask(int index);
    bool isFree(int index) const;

    std::vector<Login> m_logins;
};

} // namespace procdeck
