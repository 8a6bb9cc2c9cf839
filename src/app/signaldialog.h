#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class SignalDialog;
}

namespace procdeck::app {

/// Send signal…: one of the signals offered by name (JobSignals::offered()) or any by number,
/// with what it usually means. What a sent signal does to the job is the engine's policy.
class SignalDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalDialog)

public:
    /// `target`: the jobs it goes to, in words ("job 3", "4 jobs").
    explicit SignalDialog(const QString &target, QWidget *parent = nullptr);
    ~SignalDialog() override;

    /// The signal chosen (its number).
    int signal() const;
    /// Chooses `sig`: by name when offered, else by number.
    void setSignal(int sig);

private:
    void showMeaning();

    std::unique_ptr<Ui::SignalDialog> m_ui;
};

} // namespace procdeck::app
