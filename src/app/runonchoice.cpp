#include "runonchoice.h"

#include "core/types/shellwords.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>

namespace procdeck::app {

using procdeck::RunOn;

namespace {

/// The combo's data of "one allocation for the batch": beside RunOn::Where's values.
constexpr int kAllocationChoice = 100;

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

RunOnChoice::RunOnChoice(QComboBox *combo, QLabel *detail, QLineEdit *sallocEdit,
                         QObject *parent)
    : QObject(parent), m_combo(combo), m_detail(detail), m_salloc(sallocEdit)
{
    m_combo->addItem(tr("This computer"), int(RunOn::Where::ThisComputer));
    m_combo->addItem(tr("SSH hosts"), int(RunOn::Where::SshHosts));
    m_combo->addItem(tr("Slurm cluster"), int(RunOn::Where::SlurmCluster));
    if (m_salloc) {
        //: Run on: salloc asks Slurm for one allocation; every job runs as a step in it
        m_combo->addItem(tr("Slurm cluster — one allocation for the batch"), kAllocationChoice);
        m_salloc->setPlaceholderText(tr("salloc arguments, such as -n 8 --time=30"));
        m_salloc->setToolTip(tr("What salloc is given to ask for the allocation: the jobs run "
                                "as its steps, and it is given back when the batch ends"));
        connect(m_salloc, &QLineEdit::textChanged, this, [this] {
            showDetail();
            emit changed();
        });
    }
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
    return allocates() ? RunOn::Where::SlurmCluster : RunOn::Where(m_combo->currentData().toInt());
}

bool RunOnChoice::allocates() const
{
    return m_combo->currentData().toInt() == kAllocationChoice;
}

void RunOnChoice::setAllocates(const QString &sallocArgs)
{
    if (!m_salloc)
        return;
    m_salloc->setText(sallocArgs);
    m_combo->setCurrentIndex(m_combo->findData(kAllocationChoice));
}

RunOn RunOnChoice::runOn() const
{
    RunOn runOn;
    QString error;
    m_prefs.runOn(where(), &runOn, &error);
    if (allocates())
        shellwords::split(m_salloc->text(), &runOn.slurmAllocate, &error);
    return runOn;
}

QString RunOnChoice::problem() const
{
    RunOn runOn;
    QString error;
    if (!m_prefs.runOn(where(), &runOn, &error))
        return tr("Run on: %1").arg(error);
    if (!allocates())
        return {};
    if (!shellwords::split(m_salloc->text(), &runOn.slurmAllocate, &error))
        return tr("salloc arguments: %1").arg(error);
    if (runOn.slurmAllocate.isEmpty())
        return tr("Run on: give salloc's arguments for the allocation, such as -n 8 --time=30");
    return {};
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
    } else if (allocates()) {
        //: what the jobs are in the allocation salloc gives
        text = r.slurmArgs.isEmpty() ? tr("its jobs as srun steps")
                                     : tr("its jobs as srun %1 steps")
                                               .arg(r.slurmArgs.join(QLatin1Char(' ')));
    } else if (where() == RunOn::Where::SlurmCluster) {
        //: what srun is given; "defaults" when Preferences set no Slurm arguments
        text = r.slurmArgs.isEmpty() ? tr("srun with the cluster's defaults")
                                     : tr("srun %1").arg(r.slurmArgs.join(QLatin1Char(' ')));
    }
    if (where() == RunOn::Where::SlurmCluster && !procdeck::Preferences::slurmReachable())
        //: %1 is the missing file, such as /etc/slurm/slurm.conf
        text = tr("The cluster is not reachable: no %1").arg(procdeck::Preferences::slurmConfig());
    if (m_salloc)
        m_salloc->setVisible(allocates());
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

void RunOnChoice::restore(const QSettings &settings, const QString &key)
{
    setWhere(remembered(settings, key));
    if (!m_salloc)
        return;
    m_salloc->setText(settings.value(key + QStringLiteral("Salloc")).toString());
    if (settings.value(key).toString() == QLatin1String("slurm-allocation"))
        setAllocates(m_salloc->text());
}

void RunOnChoice::save(QSettings &settings, const QString &key) const
{
    if (allocates())
        settings.setValue(key, QStringLiteral("slurm-allocation"));
    else
        remember(settings, key, where());
    if (m_salloc)
        settings.setValue(key + QStringLiteral("Salloc"), m_salloc->text());
}

} // namespace procdeck::app
