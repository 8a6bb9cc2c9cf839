#pragma once

#include "core/process/jobpriority.h"

#include <QDialog>

#include <memory>

namespace Ui {
class PriorityDialog;
}

namespace procdeck::app {

/// Priority…: the niceness of a running job's tree and its disk (I/O) priority class.
/// JobPriority applies it and says why when the system refuses.
class PriorityDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PriorityDialog)

public:
    /// `target`: the jobs it goes to, in words; `nice`: the niceness they have now.
    PriorityDialog(const QString &target, int nice, QWidget *parent = nullptr);
    ~PriorityDialog() override;

    procdeck::JobPriority::Request request() const;

private:
    std::unique_ptr<Ui::PriorityDialog> m_ui;
};

} // namespace procdeck::app
