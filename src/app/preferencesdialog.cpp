#include "preferencesdialog.h"

#include "ui_preferencesdialog.h"

#include "core/textdecoder.h"
#include "formhelpers.h"

#include <QCheckBox>
#include <QPushButton>
#include <QThread>

namespace procdeck::app {

using procdeck::Preferences;

PreferencesDialog::PreferencesDialog(const Preferences &prefs, const NotifySettings &notify, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::PreferencesDialog>())
{
    m_ui->setupUi(this);
    //: the default when 0: as many jobs as the machine has CPUs
    m_ui->parallelSpin->setSpecialValueText(tr("CPU count (%1)").arg(QThread::idealThreadCount()));
    m_ui->parallelSpin->setValue(prefs.maxParallel);
    m_ui->timeoutSpin->setValue(prefs.timeoutSeconds);
    formhelpers::fillTimeoutActions(m_ui->actionCombo, prefs.timeoutAction);
    m_ui->graceSpin->setValue(prefs.graceSeconds);
    formhelpers::fillEncodings(m_ui->encodingCombo, prefs.encoding);
    m_ui->tailSpin->setValue(prefs.tailKiB);
    m_ui->sampleSpin->setValue(prefs.sampleMs / 1000.0);
    m_ui->keepDaysSpin->setValue(prefs.keepDays);
    m_ui->keepJobsSpin->setValue(prefs.keepJobs);
    m_ui->notifyCheck->setChecked(notify.enabled);
    m_ui->notifyAfterSpin->setValue(notify.afterSeconds);
    m_ui->notifyAfterSpin->setEnabled(notify.enabled);
    connect(m_ui->notifyCheck, &QCheckBox::toggled, m_ui->notifyAfterSpin, &QWidget::setEnabled);
    m_ui->keepDaysSpin->setToolTip(tr("Older jobs leave the history, and their kept output files are deleted"));
    auto validate = [this] {
        const QString encoding = m_ui->encodingCombo->currentText().trimmed();
        formhelpers::showProblem(m_ui->problemLabel, m_ui->buttonBox,
                                 procdeck::TextDecoder::isKnown(encoding) ? QString() : tr("Unknown encoding: %1").arg(encoding));
    };
    connect(m_ui->encodingCombo, &QComboBox::currentTextChanged, this, validate);
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
    p.keepDays = m_ui->keepDaysSpin->value();
    p.keepJobs = m_ui->keepJobsSpin->value();
    return p;
}

NotifySettings PreferencesDialog::notifySettings() const
{
    NotifySettings n;
    n.enabled = m_ui->notifyCheck->isChecked();
    n.afterSeconds = m_ui->notifyAfterSpin->value();
    return n;
}

} // namespace procdeck::app
