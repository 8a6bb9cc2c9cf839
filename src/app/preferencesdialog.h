#pragma once

#include "core/preferences.h"

#include <QDialog>

#include <memory>

namespace Ui {
class PreferencesDialog;
}

/// "Timeouts & defaults": what new jobs get unless their form says otherwise.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)

public:
    explicit PreferencesDialog(const procdeck::Preferences &prefs, QWidget *parent = nullptr);
    ~PreferencesDialog() override;

    procdeck::Preferences preferences() const;

private:
    std::unique_ptr<Ui::PreferencesDialog> m_ui;
};
