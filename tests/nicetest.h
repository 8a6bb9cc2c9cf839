#pragma once

// Helpers of the priority tests (issue 26.4): a job group's processes, and a person's rights
// for this process while a test needs them refused.

#include "core/process/proctable.h"

#include <QList>

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace nicetest {

/// The living processes of group `pgid`.
inline QList<pid_t> groupMembers(qint64 pgid)
{
    QList<pid_t> found{pid_t(pgid)}; // the group first, the members after it
    procdeck::proctable::forEachProcess(
            [](const procdeck::proctable::ProcessInfo &info, void *raw) {
                auto *list = static_cast<QList<pid_t> *>(raw);
                if (info.alive() && info.pgrp == list->first())
                    list->append(info.pid);
            },
            &found);
    found.removeFirst();
    return found;
}

/// This process without CAP_SYS_NICE in its effective set (root included) while it lives: a
/// person's rights, for the refusals. Its permitted set keeps it, so the destructor restores it.
class WithoutSysNice
{
public:
    WithoutSysNice()
    {
        m_header.version = _LINUX_CAPABILITY_VERSION_3;
        ok = ::syscall(SYS_capget, &m_header, m_saved) == 0;
        __user_cap_data_struct reduced[2] = {m_saved[0], m_saved[1]};
        reduced[CAP_TO_INDEX(CAP_SYS_NICE)].effective &= ~CAP_TO_MASK(CAP_SYS_NICE);
        ok = ok && ::syscall(SYS_capset, &m_header, reduced) == 0;
    }
    ~WithoutSysNice() { ::syscall(SYS_capset, &m_header, m_saved); }
    WithoutSysNice(const WithoutSysNice &) = delete;
    WithoutSysNice &operator=(const WithoutSysNice &) = delete;
    bool ok = false;

private:
    __user_cap_header_struct m_header{};
    __user_cap_data_struct m_saved[2]{};
};

} // namespace nicetest
