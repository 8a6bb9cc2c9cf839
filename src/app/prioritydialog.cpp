#include "prioritydialog.h"

#include "ui_prioritydialog.h"

namespace procdeck::app {

namespace {

constexpr int kLineChars = 72; ///< the dialog's width, in average characters

} // namespace

PriorityDialog::PriorityDialog(const QString &target, int nice, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::PriorityDialog>())
{
    m_ui->setupUi(this);
    // Its size follows what it shows (the form's fixed-size layout): wide enough for a sentence
    // a line, so that the text wraps into few lines rather than a narrow column.
    m_ui->targetLabel->setMinimumWidth(fontMetrics().averageCharWidth() * kLineChars);
    //: %1: "job 3" or "4 jobs"; %2: its niceness now
    m_ui->targetLabel->setText(tr("The priority of %1, which runs at niceness %2 now.")
                                       .arg(target)
                                       .arg(nice));
    m_ui->niceSpin->setValue(nice);
    using IoClass = JobPriority::IoClass;
    m_ui->ioCombo->addItem(tr("Unchanged"), int(IoClass::Unchanged));
    m_ui->ioCombo->addItem(tr("Best effort"), int(IoClass::BestEffort));
    //: the I/O class: disk time only when no other program wants it
    m_ui->ioCombo->addItem(tr("Idle (only when the disk is free)"), int(IoClass::Idle));
    const auto showLevel = [this] {
        const bool level = m_ui->ioCombo->currentData().toInt() == int(IoClass::BestEffort);
        m_ui->levelSpin->setEnabled(level);
        m_ui->levelLabel->setEnabled(level);
    };
    connect(m_ui->ioCombo, &QComboBox::currentIndexChanged, this, showLevel);
    showLevel();
}

PriorityDialog::~PriorityDialog() = default;

JobPriority::Request PriorityDialog::request() const
{
    return {m_ui->niceSpin->value(),
            JobPriority::IoClass(m_ui->ioCombo->currentData().toInt()), m_ui->levelSpin->value()};
}

} // namespace procdeck::app
