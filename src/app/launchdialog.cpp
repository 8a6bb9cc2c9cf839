#include "launchdialog.h"

#include "ui_launchdialog.h"

#include "core/types/shellwords.h"
#include "core/scheduling/jobdependencies.h"
#include "core/process/preflight.h"
#include "core/output/textdecoder.h"
#include "formhelpers.h"
#include "runonchoice.h"

#include <QCompleter>
#include <QFileDialog>
#include <QPushButton>
#include <QRegularExpression>

#include <cerrno>

namespace procdeck::app {

using procdeck::JobSpec;

LaunchDialog::LaunchDialog(const JobSpec &defaults, const QStringList &history, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::LaunchDialog>())
{
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Run"));
    m_runOn = new RunOnChoice(m_ui->runOnCombo, m_ui->runOnDetail, nullptr, this);
    connect(m_runOn, &RunOnChoice::changed, this, &LaunchDialog::validate);
    auto *completer = new QCompleter(history, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_ui->commandEdit->setCompleter(completer);
    m_ui->envTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->envTable->setColumnWidth(0, fontMetrics().horizontalAdvance(QLatin1Char('M')) * 14);
    formhelpers::fillEncodings(m_ui->encodingCombo, defaults.encoding);
    formhelpers::fillTimeoutActions(m_ui->actionCombo, defaults.timeoutAction);
    setSpec(defaults);

    connect(m_ui->browseButton, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Working directory"),
                                                              m_ui->cwdEdit->text());
        if (!dir.isEmpty())
            m_ui->cwdEdit->setText(dir);
    });
    connect(m_ui->addEnvButton, &QPushButton::clicked, this, [this] {
        const int row = m_ui->envTable->rowCount();
        m_ui->envTable->insertRow(row);
        m_ui->envTable->setItem(row, 0, new QTableWidgetItem);
        m_ui->envTable->setItem(row, 1, new QTableWidgetItem);
        m_ui->envTable->editItem(m_ui->envTable->item(row, 0));
    });
    connect(m_ui->removeEnvButton, &QPushButton::clicked, this, [this] {
        m_ui->envTable->removeRow(m_ui->envTable->currentRow());
        validate();
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, [this] {
        m_triedToRun = true;
        if (problem().isEmpty())
            accept();
        else
            validate();
    });
    for (QLineEdit *edit : {m_ui->commandEdit, m_ui->cwdEdit})
        connect(edit, &QLineEdit::textChanged, this, &LaunchDialog::validate);
    connect(m_ui->shellCheck, &QCheckBox::toggled, this, &LaunchDialog::validate);
    connect(m_ui->runAfterEdit, &QLineEdit::textChanged, this, &LaunchDialog::validate);
    connect(m_ui->retrySpin, &QSpinBox::valueChanged, this,
            [this](int tries) { m_ui->retryDelaySpin->setEnabled(tries > 1); });
    connect(m_ui->encodingCombo, &QComboBox::currentTextChanged, this, &LaunchDialog::validate);
    connect(m_ui->envTable, &QTableWidget::itemChanged, this, &LaunchDialog::validate);
    connect(m_ui->timeoutSpin, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        m_ui->actionCombo->setEnabled(v > 0);
        m_ui->graceSpin->setEnabled(v > 0);
    });
    validate();
}

LaunchDialog::~LaunchDialog() = default;

void LaunchDialog::setSpec(const JobSpec &spec)
{
    m_ui->shellCheck->setChecked(spec.useShell || spec.program.isEmpty());
    m_ui->commandEdit->setText(spec.useShell || spec.program.isEmpty() ? spec.shellCommand
                                                                       : spec.commandLine());
    m_ui->labelEdit->setText(spec.label);
    m_ui->cwdEdit->setText(spec.workingDirectory);
    m_ui->encodingCombo->setCurrentText(spec.encoding);
    m_ui->ptyCheck->setChecked(spec.pty);
    m_ui->timeoutSpin->setValue(spec.timeoutSeconds);
    m_ui->actionCombo->setCurrentIndex(m_ui->actionCombo->findData(int(spec.timeoutAction)));
    m_ui->actionCombo->setEnabled(spec.timeoutSeconds > 0);
    m_ui->graceSpin->setEnabled(spec.timeoutSeconds > 0);
    m_ui->graceSpin->setValue(spec.graceSeconds);
    m_ui->stdinEdit->setPlainText(QString::fromUtf8(spec.standardInput));
    m_ui->retrySpin->setValue(qMax(1, spec.retries));
    m_ui->niceSpin->setValue(spec.nice);
    m_ui->retryDelaySpin->setValue(spec.retryDelaySeconds);
    QList<int> after;
    for (const QString &ref : spec.after + spec.afterSuccess) {
        int seq = 0;
        if (procdeck::jobdependencies::isJobNumber(ref, &seq))
            after << seq;
    }
    setRunAfter(after, !spec.afterSuccess.isEmpty());
    m_ui->envTable->setRowCount(0);
    for (const QString &entry : spec.environment) {
        const int row = m_ui->envTable->rowCount();
        const qsizetype eq = entry.indexOf(QLatin1Char('='));
        m_ui->envTable->insertRow(row);
        m_ui->envTable->setItem(row, 0, new QTableWidgetItem(entry.left(eq)));
        m_ui->envTable->setItem(row, 1,
                                new QTableWidgetItem(eq < 0 ? QString() : entry.mid(eq + 1)));
    }
    validate();
}

JobSpec LaunchDialog::spec() const
{
    JobSpec spec;
    spec.useShell = m_ui->shellCheck->isChecked();
    const QString command = m_ui->commandEdit->text().trimmed();
    if (spec.useShell) {
        spec.shellCommand = command;
    } else {
        QStringList words;
        QString error;
        if (procdeck::shellwords::split(command, &words, &error) && !words.isEmpty()) {
            spec.program = words.takeFirst();
            spec.arguments = words;
        }
    }
    spec.label = m_ui->labelEdit->text().trimmed();
    spec.workingDirectory = m_ui->cwdEdit->text().trimmed();
    spec.encoding = m_ui->encodingCombo->currentText().trimmed();
    spec.pty = m_ui->ptyCheck->isChecked();
    spec.timeoutSeconds = m_ui->timeoutSpin->value();
    spec.timeoutAction = formhelpers::timeoutAction(m_ui->actionCombo);
    spec.graceSeconds = m_ui->graceSpin->value();
    spec.standardInput = m_ui->stdinEdit->toPlainText().toUtf8();
    spec.retries = m_ui->retrySpin->value() > 1 ? m_ui->retrySpin->value() : 0;
    spec.nice = m_ui->niceSpin->value();
    spec.retryDelaySeconds = spec.retries > 1 ? m_ui->retryDelaySpin->value() : 0;
    QStringList after;
    for (const int seq : runAfter())
        after << QStringLiteral("#%1").arg(seq);
    (m_ui->afterSuccessCheck->isChecked() ? spec.afterSuccess : spec.after) = after;
    for (int row = 0; row < m_ui->envTable->rowCount(); ++row) {
        const QTableWidgetItem *key = m_ui->envTable->item(row, 0);
        const QTableWidgetItem *value = m_ui->envTable->item(row, 1);
        if (key && !key->text().trimmed().isEmpty())
            spec.environment << key->text().trimmed() + QLatin1Char('=')
                            + (value ? value->text() : QString());
    }
    return spec;
}

QString LaunchDialog::problem() const
{
    const QString command = m_ui->commandEdit->text().trimmed();
    if (command.isEmpty())
        return tr("Enter a command to run.");
    if (!m_ui->shellCheck->isChecked()) {
        QStringList words;
        QString error;
        if (!procdeck::shellwords::split(command, &words, &error))
            return tr("The command does not parse: %1").arg(error);
    }
    for (int row = 0; row < m_ui->envTable->rowCount(); ++row) {
        const QTableWidgetItem *key = m_ui->envTable->item(row, 0);
        if (key && key->text().contains(QLatin1Char('=')))
            return tr("An environment variable's name cannot contain '=': %1").arg(key->text());
    }
    // The engine's own checks (preflight), said in the person's language.
    const JobSpec s = spec();
    const preflight::Finding found = preflight::check(s);
    switch (found.kind) {
    case preflight::Finding::Kind::None: break;
    case preflight::Finding::Kind::Spec: return found.text;
    case preflight::Finding::Kind::Encoding: return tr("Unknown encoding: %1").arg(s.encoding);
    case preflight::Finding::Kind::Directory:
        switch (found.errnoValue) {
        case ENOENT: return tr("The working directory does not exist: %1").arg(s.workingDirectory);
        case ENOTDIR: return tr("Not a directory: %1").arg(s.workingDirectory);
        default:
            return tr("No permission to enter the working directory: %1").arg(s.workingDirectory);
        }
    case preflight::Finding::Kind::Program:
        if (m_runOn->where() != procdeck::RunOn::Where::ThisComputer)
            break; // the program is looked for where the job runs
        if (found.errnoValue == ENOENT && !s.program.contains(QLatin1Char('/')))
            return tr("Program not found on PATH: %1").arg(s.program);
        return tr("Not an executable file: %1").arg(s.program);
    case preflight::Finding::Kind::StandardInput:
        return tr("Cannot read the standard input file: %1").arg(s.standardInputFile);
    }
    if (runAfter().isEmpty() && !m_ui->runAfterEdit->text().trimmed().isEmpty())
        return tr("Run after: give job numbers from the table's # column, such as 3, 5.");
    return m_runOn->problem();
}

void LaunchDialog::setRunOn(const procdeck::Preferences &prefs, procdeck::RunOn::Where where)
{
    m_runOn->setPreferences(prefs);
    m_runOn->setWhere(where);
    // The place the form used last, when it cannot take jobs now (no cluster, no logins), is
    // not offered again: the next job would fail there for a reason nobody sees.
    if (!m_runOn->problem().isEmpty())
        m_runOn->setWhere(procdeck::RunOn::Where::ThisComputer);
}

procdeck::RunOn::Where LaunchDialog::runOnWhere() const
{
    return m_runOn->where();
}

procdeck::RunOn LaunchDialog::runOn() const
{
    return m_runOn->runOn();
}

void LaunchDialog::setRunInBackground(bool inBackground)
{
    m_ui->backgroundCheck->setChecked(inBackground);
}

bool LaunchDialog::runInBackground() const
{
    return m_ui->backgroundCheck->isChecked();
}

void LaunchDialog::setRunAfter(const QList<int> &seqs, bool successOnly)
{
    QStringList numbers;
    for (const int seq : seqs)
        numbers << QString::number(seq);
    m_ui->runAfterEdit->setText(numbers.join(QLatin1String(", ")));
    m_ui->afterSuccessCheck->setChecked(successOnly);
}

QList<int> LaunchDialog::runAfter() const
{
    // "3, 5", "#3 #5": numbers only; anything else makes the list empty (problem() says so).
    QList<int> seqs;
    const QStringList words = m_ui->runAfterEdit->text().split(
            QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    for (QString word : words) {
        if (word.startsWith(QLatin1Char('#')))
            word.remove(0, 1);
        bool ok = false;
        const int seq = word.toInt(&ok);
        if (!ok || seq < 1)
            return {};
        if (!seqs.contains(seq))
            seqs << seq;
    }
    return seqs;
}

void LaunchDialog::validate()
{
    // An empty command is no mistake until the person asks to run it: no red line before they
    // typed anything, and Run stays pressable so that pressing it says what is missing.
    const bool notYetAMistake = !m_triedToRun && m_ui->commandEdit->text().trimmed().isEmpty();
    formhelpers::showProblem(m_ui->problemLabel, m_ui->buttonBox,
                             notYetAMistake ? QString() : problem());
}

} // namespace procdeck::app
