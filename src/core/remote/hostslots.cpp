#include "hostslots.h"

#include "sshrun.h"

#include <QThread>

#include <algorithm>
#include <climits>

namespace procdeck {

HostSlots::HostSlots(QObject *parent) : QObject(parent) {}

HostSlots::~HostSlots() = default; // an ssh still asking for a CPU count is killed

int HostSlots::use(const SshLogin &login, const JobsPerLogin &perLogin)
{
    const auto same = [&login](const Login &l) {
        return l.login.sshCommand == login.sshCommand && l.login.host == login.host;
    };
    auto it = std::find_if(m_logins.begin(), m_logins.end(), same);
    const int index = int(it - m_logins.begin());
    if (it == m_logins.end()) {
        m_logins.emplace_back();
        it = m_logins.end() - 1;
        if (login.isLocal())
            it->cpus = qMax(1, QThread::idealThreadCount());
    }
    const int before = slotCount(index);
    it->login = login;
    it->perLogin = perLogin;
    if (perLogin.needsCpus() && login.slotCount <= 0 && it->cpus == 0 && !it->asking)
        ask(index);
    if (slotCount(index) != before)
        emit slotsChanged();
    return index;
}

int HostSlots::slotCount(int index) const
{
    const Login &l = m_logins.at(size_t(index));
    if (!l.perLogin.needsCpus())
        return qMax(1, l.perLogin.on(0));
    const int cpus = l.login.slotCount > 0 ? l.login.slotCount : l.cpus; // N/: parallel's ncpus
    // Below one (-j -4 on 2 CPUs) parallel would never start a job there: one runs.
    return cpus > 0 ? qMax(1, l.perLogin.on(cpus)) : 0;
}

void HostSlots::ask(int index)
{
    auto process = std::make_unique<HelperProcess>();
    const SshLogin &l = login(index);
    connect(process.get(), &HelperProcess::finished, this, [this, index](const HelperResult &r) {
        Login &l = m_logins[size_t(index)];
        bool ok = false;
        const int cpus = r.succeeded() ? QString::fromLatin1(r.out).trimmed().toInt(&ok) : 0;
        l.cpus = ok && cpus > 0 ? cpus : 1;
        l.asking.release()->deleteLater();
        emit slotsChanged();
    });
    const QString nproc = QStringLiteral("nproc 2>/dev/null || getconf _NPROCESSORS_ONLN");
    QStringList argv
            = l.sshArgv(SshRun::sshOptions() + QStringList{l.host, SshRun::carried(nproc)});
    const QString program = argv.takeFirst();
    process->start(program, argv);
    m_logins[size_t(index)].asking = std::move(process);
}

int HostSlots::totalSlots() const
{
    qint64 total = 0;
    for (int i = 0; i < count(); ++i)
        total += slotCount(i);
    return int(qMin<qint64>(total, INT_MAX));
}

bool HostSlots::isFree(int index) const
{
    const int n = slotCount(index);
    return n > 0 && busy(index) < n;
}

int HostSlots::acquire(const QList<int> &among)
{
    int best = -1;
    double bestShare = 2;
    for (const int i : among) {
        if (!isFree(i))
            continue;
        const double share = double(busy(i)) / slotCount(i);
        if (best < 0 || share < bestShare) {
            best = i;
            bestShare = share;
        }
    }
    if (best >= 0) {
        ++m_logins[size_t(best)].busy;
        emit busyChanged();
    }
    return best;
}

bool HostSlots::hasFree(const QList<int> &among) const
{
    return std::any_of(among.begin(), among.end(), [this](int i) { return isFree(i); });
}

void HostSlots::release(int index)
{
    if (index < 0 || index >= count() || m_logins[size_t(index)].busy <= 0)
        return;
    --m_logins[size_t(index)].busy;
    emit busyChanged();
}

} // namespace procdeck
