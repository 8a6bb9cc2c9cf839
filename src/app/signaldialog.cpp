#include "signaldialog.h"

#include "ui_signaldialog.h"

#include "core/process/jobsignals.h"

#include <csignal>

namespace procdeck::app {

namespace {

constexpr int kByNumber = 0; ///< the combo's data for "Another signal by number"
constexpr int kLineChars = 72; ///< the dialog's width, in average characters

} // namespace

SignalDialog::SignalDialog(const QString &target, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::SignalDialog>())
{
    m_ui->setupUi(this);
    // Its size follows what it shows (the form's fixed-size layout): wide enough for a sentence
    // a line, so that the text wraps into few lines rather than a narrow column.
    m_ui->targetLabel->setMinimumWidth(fontMetrics().averageCharWidth() * kLineChars);
    //: %1: "job 3" or "4 jobs"
    m_ui->targetLabel->setText(tr("The signal goes to every process of %1: its process group "
                                  "and the processes that left it.")
                                       .arg(target));
    for (int sig : JobSignals::offered())
        m_ui->signalCombo->addItem(JobSignals::describe(sig), sig);
    m_ui->signalCombo->addItem(tr("Another signal by number"), kByNumber);
    m_ui->numberSpin->setMaximum(SIGRTMAX);
    connect(m_ui->signalCombo, &QComboBox::currentIndexChanged, this, &SignalDialog::showMeaning);
    connect(m_ui->numberSpin, &QSpinBox::valueChanged, this, &SignalDialog::showMeaning);
    setSignal(SIGHUP);
}

SignalDialog::~SignalDialog() = default;

int SignalDialog::signal() const
{
    const int chosen = m_ui->signalCombo->currentData().toInt();
    return chosen == kByNumber ? m_ui->numberSpin->value() : chosen;
}

void SignalDialog::setSignal(int sig)
{
    const int index = m_ui->signalCombo->findData(sig);
    m_ui->signalCombo->setCurrentIndex(index >= 0 ? index
                                                  : m_ui->signalCombo->findData(kByNumber));
    m_ui->numberSpin->setValue(sig);
    showMeaning();
}

void SignalDialog::showMeaning()
{
    const bool byNumber = m_ui->signalCombo->currentData().toInt() == kByNumber;
    m_ui->numberSpin->setEnabled(byNumber);
    m_ui->numberLabel->setEnabled(byNumber);
    const int sig = signal();
    QString what;
    switch (sig) {
    case SIGHUP: what = tr("Many daemons reload their settings on it; others end."); break;
    case SIGINT: what = tr("As Ctrl+C at a terminal."); break;
    case SIGQUIT: what = tr("As Ctrl+\\ at a terminal: ends it, often with a core dump."); break;
    case SIGTERM: what = tr("Asks it to end; it may clean up first."); break;
    case SIGKILL: what = tr("Ends it at once; it cannot clean up."); break;
    case SIGUSR1:
    case SIGUSR2:
        what = tr("Means what the program says (dd prints its progress on SIGUSR1); a program "
                  "that does not handle it ends.");
        break;
    case SIGSTOP: what = tr("Stops it: the job is Paused until SIGCONT or Resume."); break;
    case SIGCONT: what = tr("Continues a stopped job: a paused one runs again."); break;
    case SIGWINCH: what = tr("Says the terminal's size changed; most programs ignore it."); break;
    default: what = JobSignals::describe(sig); break;
    }
    m_ui->meaningLabel->setText(what);
}

} // namespace procdeck::app
