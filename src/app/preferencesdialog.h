#pragma once

#include "core/types/preferences.h"
#include "notifier.h"

#include <QDialog>

#include <memory>

namespace Ui {
class PreferencesDialog;
}

namespace procdeck::app {

/// Preferences: what new jobs get unless their form says otherwise, how long history is kept,
/// and when the desktop is told that work ended.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)

public:
    PreferencesDialog(const procdeck::Preferences &prefs, const NotifySettings &notify,
                      QWidget *parent = nullptr);
    ~PreferencesDialog() override;

    procdeck::Preferences preferences() const;
    NotifySettings notifySettings() const;

private:
    /// A line of the ssh logins or the Slurm arguments that does not read, said; else empty.
    QString remoteProblem() const;

    std::unique_ptr<Ui::PreferencesDialog> m_ui;
};

} // namespace procdeck::app
