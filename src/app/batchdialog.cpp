#include "batchdialog.h"

#include "ui_batchdialog.h"

#include <QSettings>

#include "core/parallel/batch.h"
#include "core/output/textdecoder.h"
#include "formhelpers.h"
#include "runonchoice.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>

namespace procdeck::app {

using procdeck::JobSpec;

BatchDialog::BatchDialog(const JobSpec &defaults, int maxParallel, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::BatchDialog>()), m_defaults(defaults)
{
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Run"));
    QPushButton *save
            = m_ui->buttonBox->addButton(tr("&Save as batch file…"), QDialogButtonBox::ActionRole);
    connect(save, &QPushButton::clicked, this, &BatchDialog::saveAs);
    m_runOn = new RunOnChoice(m_ui->runOnCombo, m_ui->runOnDetail, m_ui->sallocEdit, this);
    connect(m_runOn, &RunOnChoice::changed, this, &BatchDialog::update);
    m_ui->parallelSpin->setValue(maxParallel);
    m_ui->timeoutSpin->setValue(defaults.timeoutSeconds);
    formhelpers::fillEncodings(m_ui->encodingCombo, defaults.encoding);
    m_ui->ptyCheck->setChecked(defaults.pty);
    formhelpers::fillTimeoutActions(m_ui->actionCombo, defaults.timeoutAction);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->previewEdit->setFont(mono);

    connect(m_ui->browseButton, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Values file"));
        if (!file.isEmpty()) {
            m_ui->fileEdit->setText(file);
            m_ui->fileRadio->setChecked(true);
        }
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, [this] {
        if (problem().isEmpty())
            accept();
    });
    for (QLineEdit *edit : {m_ui->templateEdit, m_ui->rangeEdit, m_ui->listEdit, m_ui->fileEdit})
        connect(edit, &QLineEdit::textChanged, this, &BatchDialog::update);
    for (QAbstractButton *b : std::initializer_list<QAbstractButton *> {
                 m_ui->rangeRadio, m_ui->listRadio, m_ui->fileRadio, m_ui->shellCheck })
        connect(b, &QAbstractButton::toggled, this, &BatchDialog::update);
    connect(m_ui->encodingCombo, &QComboBox::currentTextChanged, this, &BatchDialog::update);
    // Typing in a field picks its source.
    connect(m_ui->rangeEdit, &QLineEdit::textEdited, m_ui->rangeRadio,
            [this] { m_ui->rangeRadio->setChecked(true); });
    connect(m_ui->listEdit, &QLineEdit::textEdited, m_ui->listRadio,
            [this] { m_ui->listRadio->setChecked(true); });
    connect(m_ui->fileEdit, &QLineEdit::textEdited, m_ui->fileRadio,
            [this] { m_ui->fileRadio->setChecked(true); });
    connect(m_ui->timeoutSpin, &QDoubleSpinBox::valueChanged, this,
            [this](double v) { m_ui->actionCombo->setEnabled(v > 0); });
    m_ui->actionCombo->setEnabled(defaults.timeoutSeconds > 0);
    m_ui->retrySpin->setValue(qMax(1, defaults.retries));
    m_ui->niceSpin->setValue(defaults.nice);
    m_ui->retryDelaySpin->setValue(defaults.retryDelaySeconds);
    // The choices in words; GNU parallel's spelling is each one's data, and may be typed too.
    for (const char *spelling :
         {"never", "now,fail=1", "soon,fail=1", "now,success=1", "soon,fail=10%"}) {
        procdeck::HaltPolicy policy;
        QString error;
        procdeck::HaltPolicy::parse(QLatin1String(spelling), &policy, &error);
        m_ui->haltCombo->addItem(policy.describe(), QLatin1String(spelling));
    }
    m_ui->haltCombo->setInsertPolicy(QComboBox::NoInsert);
    connect(m_ui->haltCombo, &QComboBox::currentTextChanged, this, &BatchDialog::update);
    update();
}

procdeck::HaltPolicy BatchDialog::halt() const
{
    procdeck::HaltPolicy policy;
    QString error;
    procdeck::HaltPolicy::parse(haltSpelling(), &policy, &error);
    return policy;
}

QString BatchDialog::haltSpelling() const
{
    const QComboBox *combo = m_ui->haltCombo;
    const QString text = combo->currentText().trimmed();
    const int i = combo->currentIndex();
    if (i >= 0 && text == combo->itemText(i))
        return combo->itemData(i).toString();
    return text; // typed, in GNU parallel's own spelling
}

BatchDialog::~BatchDialog() = default;

bool BatchDialog::runInBackground() const
{
    return m_ui->backgroundCheck->isChecked();
}

void BatchDialog::setTemplate(const QString &text) { m_ui->templateEdit->setText(text); }
void BatchDialog::setRange(const QString &range)
{
    m_ui->rangeRadio->setChecked(true);
    m_ui->rangeEdit->setText(range);
}
void BatchDialog::setList(const QString &list)
{
    m_ui->listRadio->setChecked(true);
    m_ui->listEdit->setText(list);
}
void BatchDialog::setMaxParallel(int n) { m_ui->parallelSpin->setValue(n); }
int BatchDialog::maxParallel() const { return m_ui->parallelSpin->value(); }

void BatchDialog::restoreForm(const QSettings &settings)
{
    m_ui->backgroundCheck->setChecked(
            settings.value(QStringLiteral("batchForm/inBackground"), true).toBool());
    if (!settings.contains(QStringLiteral("batchForm/template")))
        return; // the first time: the form's own example
    m_ui->templateEdit->setText(settings.value(QStringLiteral("batchForm/template")).toString());
    m_ui->rangeEdit->setText(settings.value(QStringLiteral("batchForm/range")).toString());
    m_ui->listEdit->setText(settings.value(QStringLiteral("batchForm/list")).toString());
    m_ui->fileEdit->setText(settings.value(QStringLiteral("batchForm/file")).toString());
    m_ui->shellCheck->setChecked(settings.value(QStringLiteral("batchForm/shell"), true).toBool());
    m_ui->ptyCheck->setChecked(settings.value(QStringLiteral("batchForm/pty"), false).toBool());
    m_runOn->restore(settings, QStringLiteral("batchForm/runOn"));
    const QString source = settings.value(QStringLiteral("batchForm/source")).toString();
    (source == QLatin1String("list")           ? m_ui->listRadio
             : source == QLatin1String("file") ? m_ui->fileRadio
                                               : m_ui->rangeRadio)
            ->setChecked(true);
}

void BatchDialog::saveForm(QSettings &settings) const
{
    settings.setValue(QStringLiteral("batchForm/template"), m_ui->templateEdit->text());
    settings.setValue(QStringLiteral("batchForm/range"), m_ui->rangeEdit->text());
    settings.setValue(QStringLiteral("batchForm/list"), m_ui->listEdit->text());
    settings.setValue(QStringLiteral("batchForm/file"), m_ui->fileEdit->text());
    settings.setValue(QStringLiteral("batchForm/shell"), m_ui->shellCheck->isChecked());
    settings.setValue(QStringLiteral("batchForm/pty"), m_ui->ptyCheck->isChecked());
    settings.setValue(QStringLiteral("batchForm/inBackground"),
                      m_ui->backgroundCheck->isChecked());
    m_runOn->save(settings, QStringLiteral("batchForm/runOn"));
    settings.setValue(QStringLiteral("batchForm/source"),
                      m_ui->listRadio->isChecked()           ? QStringLiteral("list")
                              : m_ui->fileRadio->isChecked() ? QStringLiteral("file")
                                                             : QStringLiteral("range"));
}

bool BatchDialog::expand(QList<JobSpec> *jobs, QString *error) const
{
    QStringList values;
    if (m_ui->rangeRadio->isChecked()) {
        if (!procdeck::batch::parseRange(m_ui->rangeEdit->text(), &values, error))
            return false;
    } else if (m_ui->listRadio->isChecked()) {
        if (m_ui->listEdit->text().isEmpty()) {
            *error = tr("Enter the values, separated by commas.");
            return false;
        }
        values = procdeck::batch::parseValues(m_ui->listEdit->text());
    } else if (!procdeck::batch::readValuesFile(m_ui->fileEdit->text(), &values, error)) {
        return false;
    }
    const JobSpec b = base();
    if (!procdeck::TextDecoder::isKnown(b.encoding)) {
        *error = tr("Unknown encoding: %1").arg(b.encoding);
        return false;
    }
    procdeck::HaltPolicy policy;
    if (!procdeck::HaltPolicy::parse(haltSpelling(), &policy, error))
        return false;
    if (!procdeck::batch::expand(m_ui->templateEdit->text(), values, b, jobs, error))
        return false;
    if (jobs->isEmpty()) {
        *error = tr("There are no values: the batch would run nothing.");
        return false;
    }
    return true;
}

void BatchDialog::setRunOnPreferences(const procdeck::Preferences &prefs)
{
    m_runOn->setPreferences(prefs);
}
void BatchDialog::setRunOnWhere(procdeck::RunOn::Where where) { m_runOn->setWhere(where); }
procdeck::RunOn::Where BatchDialog::runOnWhere() const { return m_runOn->where(); }
procdeck::RunOn BatchDialog::runOn() const { return m_runOn->runOn(); }

JobSpec BatchDialog::base() const
{
    JobSpec b = m_defaults;
    b.useShell = m_ui->shellCheck->isChecked();
    b.timeoutSeconds = m_ui->timeoutSpin->value();
    b.timeoutAction = formhelpers::timeoutAction(m_ui->actionCombo);
    b.encoding = m_ui->encodingCombo->currentText().trimmed();
    b.pty = m_ui->ptyCheck->isChecked();
    b.retries = m_ui->retrySpin->value() > 1 ? m_ui->retrySpin->value() : 0;
    b.retryDelaySeconds = b.retries > 1 ? m_ui->retryDelaySpin->value() : 0;
    b.nice = m_ui->niceSpin->value();
    return b;
}

procdeck::BatchFile BatchDialog::batchFile() const
{
    procdeck::BatchFile file;
    file.maxParallel = maxParallel();
    file.defaults = base();
    file.templateCommand = m_ui->templateEdit->text();
    if (m_ui->rangeRadio->isChecked()) {
        file.templateRange = m_ui->rangeEdit->text().trimmed();
    } else if (m_ui->listRadio->isChecked()) {
        file.templateValues = procdeck::batch::parseValues(m_ui->listEdit->text());
    } else {
        QString error;
        procdeck::batch::readValuesFile(m_ui->fileEdit->text(), &file.templateValues, &error);
    }
    return file;
}

void BatchDialog::saveAs()
{
    const QString path = QFileDialog::getSaveFileName(
            this, tr("Save batch file"), QStringLiteral("batch.json"), tr("Batch files (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!batchFile().save(path, &error))
        QMessageBox::warning(this, tr("Save failed"),
                             tr("The batch file was not saved: %1").arg(error));
}

QList<JobSpec> BatchDialog::specs() const
{
    QList<JobSpec> jobs;
    QString error;
    return expand(&jobs, &error) ? jobs : QList<JobSpec>();
}

QString BatchDialog::problem() const
{
    QList<JobSpec> jobs;
    QString error;
    return expand(&jobs, &error) ? m_runOn->problem() : error;
}

QStringList BatchDialog::previewLines() const
{
    return m_ui->previewEdit->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

void BatchDialog::update()
{
    m_ui->sallocLabel->setVisible(m_runOn->allocates()); // (its field: RunOnChoice)
    QList<JobSpec> jobs;
    QString error;
    const bool ok = expand(&jobs, &error);
    QStringList lines;
    for (qsizetype i = 0; ok && i < qMin<qsizetype>(jobs.size(), kPreviewLines); ++i)
        lines << jobs[i].commandLine();
    if (ok && jobs.size() > kPreviewLines)
        lines << tr("… and %n more", nullptr, int(jobs.size() - kPreviewLines));
    m_ui->previewEdit->setPlainText(lines.join(QLatin1Char('\n')));
    m_ui->previewLabel->setText(ok ? tr("Preview — %n job(s)", nullptr, int(jobs.size()))
                                   : tr("Preview"));
    formhelpers::showProblem(m_ui->problemLabel, m_ui->buttonBox, ok ? m_runOn->problem() : error);
}

} // namespace procdeck::app
