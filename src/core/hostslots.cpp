#include "hostslots.h"

#include "sshrun.h"

#include <QThread>

namespace procdeck {

HostSlots::HostSlots(QList<SshLogin> logins, int slotsPerLogin, QObject *parent)
    : QObject(parent), m_logins(std::move(logins))
{
    m_slots.assign(size_t(m_logins.size()), 0);
    m_busy.assign(size_t(m_logins.size()), 0);
    m_asking.resize(size_t(m_logins.size()));
    for (int i = 0; i < count(); ++i) {
        const SshLogin &l = m_logins.at(i);
        if (l.slotCount > 0)
            m_slots[size_t(i)] = l.slotCount;
        else if (slotsPerLogin > 0)
            m_slots[size_t(i)] = slotsPerLogin;
        else if (l.isLocal())
            m_slots[size_t(i)] = qMax(1, QThread::idealThreadCount());
        else
            ask(i);
    }
}

HostSlots::~HostSlots()
{
    for (auto &p : m_asking) {
        if (p) {
            p->disconnect(this);
            p->kill(); // an ssh asking for a CPU count, killed: collected at once
        }
    }
}

void HostSlots::ask(int index)
{
    auto process = std::make_unique<QProcess>();
    const SshLogin &l = m_logins.at(index);
    process->setProgram(l.sshCommand.value(0, QStringLiteral("ssh")));
    process->setArguments(l.sshCommand.mid(1) + SshRun::sshOptions()
                          + QStringList{l.host, QStringLiteral("nproc 2>/dev/null || getconf _NPROCESSORS_ONLN")});
    process->setStandardInputFile(QProcess::nullDevice());
    QProcess *raw = process.get();
    const auto done = [this, index, raw] {
        if (!m_asking[size_t(index)])
            return; // said already (an error, then the end)
        bool ok = false;
        const int cpus = raw->exitStatus() == QProcess::NormalExit && raw->exitCode() == 0
            ? QString::fromLatin1(raw->readAllStandardOutput()).trimmed().toInt(&ok)
            : 0;
        m_slots[size_t(index)] = ok && cpus > 0 ? cpus : 1;
        m_asking[size_t(index)].release()->deleteLater();
        emit slotsChanged();
    };
    connect(raw, &QProcess::finished, this, done);
    connect(raw, &QProcess::errorOccurred, this, [done](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            done();
    });
    m_asking[size_t(index)] = std::move(process);
    raw->start();
}

int HostSlots::totalSlots() const
{
    int total = 0;
    for (const int n : m_slots)
        total += n;
    return total;
}

int HostSlots::acquire(const QSet<int> &avoid)
{
    int best = -1;
    bool bestAvoided = true;
    double bestShare = 2;
    for (int i = 0; i < count(); ++i) {
        const int n = m_slots[size_t(i)];
        if (n <= 0 || m_busy[size_t(i)] >= n)
            continue;
        const bool avoided = avoid.contains(i);
        const double share = double(m_busy[size_t(i)]) / n;
        if (best < 0 || (bestAvoided && !avoided) || (avoided == bestAvoided && share < bestShare)) {
            best = i;
            bestAvoided = avoided;
            bestShare = share;
        }
    }
    if (best >= 0) {
        ++m_busy[size_t(best)];
        emit busyChanged();
    }
    return best;
}

void HostSlots::release(int index)
{
    if (index < 0 || index >= count() || m_busy[size_t(index)] <= 0)
        return;
    --m_busy[size_t(index)];
    emit busyChanged();
}

} // namespace procdeck
