#pragma once

#include "core/parallel/batchfile.h"
#include "core/scheduling/haltpolicy.h"
#include "core/types/jobspec.h"
#include "core/types/preferences.h"
#include "core/types/runon.h"

#include <QDialog>

#include <memory>

class QSettings;

namespace Ui {
class BatchDialog;
}

namespace procdeck::app {

class RunOnChoice;

/// A template over values, like GNU parallel's `cmd {} ::: values`: the notes' "ten sleeps" is
/// the template `sleep {}`, the range 1..10, max parallel 10, and Run. A live preview shows the
/// first commands and how many there will be.
class BatchDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchDialog)

public:
    BatchDialog(const procdeck::JobSpec &defaults, int maxParallel, QWidget *parent = nullptr);
    ~BatchDialog() override;

    /// The expanded jobs (empty while problem() is not).
    QList<procdeck::JobSpec> specs() const;
    int maxParallel() const;
    /// The batch's --halt ("never" unless one was chosen).
    procdeck::HaltPolicy halt() const;
    QString problem() const;
    /// What the dialog holds, as a batch file (the template, not its expansion).
    procdeck::BatchFile batchFile() const;
    /// The preview's lines, as shown.
    QStringList previewLines() const;

    void setTemplate(const QString &text);
    void setRange(const QString &range);
    void setList(const QString &list);
    void setMaxParallel(int n);
    /// "Run on": the logins and Slurm arguments the choices use (the choice itself is remembered
    /// with the form).
    void setRunOnPreferences(const procdeck::Preferences &prefs);
    void setRunOnWhere(procdeck::RunOn::Where where);
    procdeck::RunOn::Where runOnWhere() const;
    /// Where the batch runs (as chosen, when problem() is empty).
    procdeck::RunOn runOn() const;
    /// What the person typed last time (template, values, shell, run on), so that the form
    /// remembers it.
    void restoreForm(const QSettings &settings);
    void saveForm(QSettings &settings) const;
    /// "Run in the background": the batch goes to the user's engine (remembered with the form).
    bool runInBackground() const;
    /// The chosen --halt in GNU parallel's spelling (an item's, or what was typed).
    QString haltSpelling() const;

    static constexpr int kPreviewLines = 8;

private:
    bool expand(QList<procdeck::JobSpec> *jobs, QString *error) const;
    procdeck::JobSpec base() const;
    void saveAs();
    void update();
    std::unique_ptr<Ui::BatchDialog> m_ui;
    procdeck::JobSpec m_defaults;
    RunOnChoice *m_runOn = nullptr;
};

} // namespace procdeck::app
