#include "runonchoice.h"

#include <QComboBox>
#include <QLabel>
#include <QSettings>

namespace procdeck::app {

using procdeck::RunOn;

namespace {

QString settingsKey(RunOn::Where where)
{
    switch (where) {
    case RunOn::Where::SshHosts: return QStringLiteral("ssh");
    case RunOn::Where::SlurmCluster: return QStringLiteral("slurm");
    case RunOn::Where::ThisComputer: break;
    }
    return QStringLiteral("here");
}

} // namespace

RunOnChoice::RunOnChoice(QComboBox *combo, QLabel *detail, QObject *parent)
    : QObject(parent), m_combo(combo), m_detail(detail)
{
    m_combo->addItem(tr("This computer"), int(RunOn::Where::ThisComputer));
    m_combo->addItem(tr("SSH hosts"), int(RunOn::Where::SshHosts));
    m_combo->addItem(tr("Slurm cluster"), int(RunOn::Where::SlurmCluster));
    m_combo->setToolTip(
            tr("Where the jobs run: here, on the ssh logins, or through srun on the Slurm cluster "
               "(logins and Slurm arguments: Edit → Preferences)"));
    connect(m_combo, &QComboBox::currentIndexChanged, this, [this] {
        showDetail();
        emit changed();
    });
    showDetail();
}

void RunOnChoice::setPreferences(const procdeck::Preferences &prefs)
{
    m_prefs = prefs;
    showDetail();
    emit changed();
}

void RunOnChoice::setWhere(RunOn::Where where)
{
    m_combo->setCurrentIndex(qMax(0, m_combo->findData(int(where))));
}

RunOn::Where RunOnChoice::where() const
{
    return RunOn::Where(m_combo->currentData().toInt());
}

RunOn RunOnChoice::runOn() const
{
    RunOn runOn;
    QString error;
    m_prefs.runOn(where(), &runOn, &error);
    return runOn;
}

QString RunOnChoice::problem() const
{
    RunOn runOn;
    QString error;
    return m_prefs.runOn(where(), &runOn, &error) ? QString() : tr("Run on: %1").arg(error);
}

void RunOnChoice::showDetail()
{
    if (!m_detail)
        return;
    const RunOn r = runOn();
    QString text;
    if (where() == RunOn::Where::SshHosts) {
        QStringList hosts;
        for (const procdeck::SshLogin &login : r.sshLogins)
            hosts << (login.isLocal() ? tr("this computer") : login.hostName());
        text = hosts.join(QStringLiteral(", "));
    } else if (where() == RunOn::Where::SlurmCluster) {
        //: what srun is given; "defaults" when Preferences set no Slurm arguments
        text = r.slurmArgs.isEmpty() ? tr("srun with the cluster's defaults")
                                     : tr("srun %1").arg(r.slurmArgs.join(QLatin1Char(' ')));
        if (!procdeck::Preferences::slurmReachable())
            //: %1 is the missing file, such as /etc/slurm/slurm.conf
            text = tr("The cluster is not reachable: no %1")
                           .arg(procdeck::Preferences::slurmConfig());
    }
    m_detail->setText(text);
    m_detail->setToolTip(text);
}

RunOn::Where RunOnChoice::remembered(const QSettings &settings, const QString &key)
{
    const QString value = settings.value(key).toString();
    for (const RunOn::Where where : {RunOn::Where::SshHosts, RunOn::Where::SlurmCluster})
        if (value == settingsKey(where))
            return where;
    return RunOn::Where::ThisComputer;
}

void RunOnChoice::remember(QSettings &settings, const QString &key, RunOn::Where where)
{
    settings.setValue(key, settingsKey(where));
}

} // namespace procdeck::app
