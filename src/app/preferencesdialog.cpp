#include "preferencesdialog.h"

#include "ui_preferencesdialog.h"

#include "core/output/textdecoder.h"
#include "formhelpers.h"

#include <QCheckBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QThread>

namespace procdeck::app {

using procdeck::Preferences;

PreferencesDialog::PreferencesDialog(const Preferences &prefs, const NotifySettings &notify,
                                     QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::PreferencesDialog>())
{
    m_ui->setupUi(this);
    const int cpus = QThread::idealThreadCount();
    //: the default when 0: as many jobs at once as the computer has CPU cores
    m_ui->parallelSpin->setSpecialValueText(tr("One per CPU core (%1 at once)").arg(cpus));
    m_ui->parallelSpin->setToolTip(
        tr("How many jobs run at the same time when a batch does not say; the others wait in the "
           "queue. The lowest setting runs one per CPU core of this computer (%1).").arg(cpus));
    m_ui->graceSpin->setToolTip(tr("A job asked to stop (SIGTERM) gets this long to end on its "
                                   "own before it is killed (SIGKILL)"));
    m_ui->tailSpin->setToolTip(tr("The last part of each job's output kept in memory for the "
                                  "window; the complete output is kept on disk"));
    m_ui->parallelSpin->setValue(prefs.maxParallel);
    m_ui->timeoutSpin->setValue(prefs.timeoutSeconds);
    formhelpers::fillTimeoutActions(m_ui->actionCombo, prefs.timeoutAction);
    m_ui->graceSpin->setValue(prefs.graceSeconds);
    formhelpers::fillEncodings(m_ui->encodingCombo, prefs.encoding);
    m_ui->tailSpin->setValue(prefs.tailKiB);
    m_ui->sampleSpin->setValue(prefs.sampleMs / 1000.0);
    m_ui->idleSpin->setValue(prefs.idleAfterSeconds);
    m_ui->idleSpin->setToolTip(tr("A running job whose processes used no CPU and read or wrote "
                                  "nothing this long shows a moon in its state, and says where "
                                  "its processes wait"));
    m_ui->keepDaysSpin->setValue(prefs.keepDays);
    m_ui->keepJobsSpin->setValue(prefs.keepJobs);
    m_ui->notifyCheck->setChecked(notify.enabled);
    m_ui->notifyAfterSpin->setValue(notify.afterSeconds);
    m_ui->notifyAfterSpin->setEnabled(notify.enabled);
    connect(m_ui->notifyCheck, &QCheckBox::toggled, m_ui->notifyAfterSpin, &QWidget::setEnabled);
    m_ui->keepDaysSpin->setToolTip(
            tr("Older jobs leave the history, and their kept output files are deleted"));
    m_ui->sshLoginsEdit->setPlainText(prefs.sshLogins);
    //: GNU parallel's --sshlogin syntax; keep the examples as they are
    m_ui->sshLoginsEdit->setPlaceholderText(tr("one login a line, as GNU parallel's -S:\n4/ssh -p "
                                               "2222 me@build1\n2/build2\n:  (this computer)"));
    m_ui->sshLoginsEdit->setToolTip(tr("\"Run on: SSH hosts\" in the Launch and Batch forms: "
                                       "[N/][ssh command [options]] [user@]host, "
                                       "N jobs at once (default: the host's CPU count); ':' is "
                                       "this computer; # starts a comment"));
    m_ui->slurmArgsEdit->setText(prefs.slurmArgs);
    m_ui->slurmArgsEdit->setPlaceholderText(tr("given to srun, e.g. -p short --time=10 --mem=1G"));
    m_ui->slurmArgsEdit->setToolTip(tr(
            "\"Run on: Slurm cluster\": each job is one srun with these arguments, on the cluster "
            "SLURM_CONF (or the default) names"));
    auto validate = [this] {
        const QString encoding = m_ui->encodingCombo->currentText().trimmed();
        formhelpers::showProblem(m_ui->problemLabel, m_ui->buttonBox,
                                 procdeck::TextDecoder::isKnown(encoding)
                                         ? remoteProblem()
                                         : tr("Unknown encoding: %1").arg(encoding));
    };
    connect(m_ui->encodingCombo, &QComboBox::currentTextChanged, this, validate);
    connect(m_ui->sshLoginsEdit, &QPlainTextEdit::textChanged, this, validate);
    connect(m_ui->slurmArgsEdit, &QLineEdit::textChanged, this, validate);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    validate();
}

PreferencesDialog::~PreferencesDialog() = default;

Preferences PreferencesDialog::preferences() const
{
    Preferences p;
    p.maxParallel = m_ui->parallelSpin->value();
    p.timeoutSeconds = m_ui->timeoutSpin->value();
    p.timeoutAction = formhelpers::timeoutAction(m_ui->actionCombo);
    p.graceSeconds = m_ui->graceSpin->value();
    p.encoding = m_ui->encodingCombo->currentText().trimmed();
    p.tailKiB = m_ui->tailSpin->value();
    p.sampleMs = int(qRound(m_ui->sampleSpin->value() * 1000));
    p.idleAfterSeconds = m_ui->idleSpin->value();
    p.keepDays = m_ui->keepDaysSpin->value();
    p.keepJobs = m_ui->keepJobsSpin->value();
    p.sshLogins = m_ui->sshLoginsEdit->toPlainText().trimmed();
    p.slurmArgs = m_ui->slurmArgsEdit->text().trimmed();
    return p;
}

QString PreferencesDialog::remoteProblem() const
{
    // Empty lists are fine here (the forms say so when SSH hosts is chosen); lines must read.
    const Preferences p = preferences();
    procdeck::RunOn runOn;
    QString error;
    if (!p.sshLogins.isEmpty() && !p.runOn(procdeck::RunOn::Where::SshHosts, &runOn, &error))
        return error;
    if (!p.runOn(procdeck::RunOn::Where::SlurmCluster, &runOn, &error))
        return error;
    return {};
}

NotifySettings PreferencesDialog::notifySettings() const
{
    NotifySettings n;
    n.enabled = m_ui->notifyCheck->isChecked();
    n.afterSeconds = m_ui->notifyAfterSpin->value();
    return n;
}

} // namespace procdeck::app
