#pragma once

#include "core/types/preferences.h"
#include "core/types/runon.h"

#include <QObject>

class QComboBox;
class QLabel;
class QLineEdit;
class QSettings;

namespace procdeck::app {

/// The forms' "Run on: This computer / SSH hosts / Slurm cluster". Fills the combo box, says
/// beside it where the choice sends the jobs (the logins and Slurm arguments kept in
/// Preferences), and what stops it (no logins set, a line that does not read). The choice is
/// remembered per form with QSettings.
class RunOnChoice final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunOnChoice)

public:
    /// `detail` shows what the choice means (may be null). With `sallocEdit` (the Batch form's)
    /// it also offers "Slurm cluster — one allocation for the batch", whose salloc arguments
    /// that field holds (shown only for that choice).
    RunOnChoice(QComboBox *combo, QLabel *detail, QLineEdit *sallocEdit = nullptr,
                QObject *parent = nullptr);

    /// The logins and Slurm arguments the choices use.
    void setPreferences(const procdeck::Preferences &prefs);
    void setWhere(procdeck::RunOn::Where where);
    procdeck::RunOn::Where where() const;
    /// "one allocation for the batch" is chosen: runOn() carries salloc's arguments.
    bool allocates() const;
    void setAllocates(const QString &sallocArgs);
    /// Where the jobs go (valid when problem() is empty).
    procdeck::RunOn runOn() const;
    /// Why the choice cannot be used now, or an empty string.
    QString problem() const;

    /// The choice last saved under `key`; This computer when none.
    static procdeck::RunOn::Where remembered(const QSettings &settings, const QString &key);
    static void remember(QSettings &settings, const QString &key, procdeck::RunOn::Where where);
    /// The whole choice, salloc's arguments included, under `key`.
    void restore(const QSettings &settings, const QString &key);
    void save(QSettings &settings, const QString &key) const;

signals:
    void changed();

private:
    void showDetail();

    QComboBox *m_combo;
    QLabel *m_detail;
    QLineEdit *m_salloc;
    procdeck::Preferences m_prefs;
};

} // namespace procdeck::app
