#pragma once

#include "core/types/jobspec.h"
#include "core/types/preferences.h"
#include "core/types/runon.h"

#include <QDialog>

#include <memory>

namespace Ui {
class LaunchDialog;
}

namespace procdeck::app {

class RunOnChoice;

/// The form for subprocess.run / Popen: one command with its directory, environment, input,
/// encoding and timeout. Problems (an empty command, a program not on PATH, a directory that
/// does not exist) are shown inline before launch, and OK stays disabled until they are fixed.
class LaunchDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LaunchDialog)

public:
    /// `defaults` fills the timeout, action, grace and encoding; `history` feeds completion.
    LaunchDialog(const procdeck::JobSpec &defaults, const QStringList &history,
                 QWidget *parent = nullptr);
    ~LaunchDialog() override;

    procdeck::JobSpec spec() const;
    void setSpec(const procdeck::JobSpec &spec);
    /// The job waits for the jobs numbered so ("Run after…"); with `successOnly`, it is skipped
    /// unless they all succeed.
    void setRunAfter(const QList<int> &seqs, bool successOnly = false);
    /// The job numbers in the "Run after" field; empty when none or when it does not parse.
    QList<int> runAfter() const;
    /// What stops the launch now, or an empty string.
    QString problem() const;
    /// "Run on": the choice (`where`) and the logins and Slurm arguments it uses.
    void setRunOn(const procdeck::Preferences &prefs, procdeck::RunOn::Where where);
    procdeck::RunOn::Where runOnWhere() const;
    /// Where the job runs (as chosen, when problem() is empty).
    procdeck::RunOn runOn() const;
    /// "Run in the background": the job goes to the user's engine, not this window's queue.
    bool runInBackground() const;
    void setRunInBackground(bool inBackground);

private:
    void validate();
    std::unique_ptr<Ui::LaunchDialog> m_ui;
    RunOnChoice *m_runOn = nullptr;
    bool m_triedToRun = false; ///< Run was pressed: an empty command is now worth a red line
};

} // namespace procdeck::app
