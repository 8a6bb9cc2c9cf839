#pragma once

#include <QList>
#include <QObject>
#include <QThread>

#include <memory>
#include <vector>

class QWidget;

namespace procdeck {
class Job;
class Scheduler;
} // namespace procdeck

namespace procdeck::app {

class JobTablePanel;

/// The window's run-log exports: "Export…" and "Export selected…" (a file dialog whose filter
/// names the format), and writing a run log of all or the selected jobs to a path. The jobs'
/// rows are taken on the GUI thread (figures and captured bytes, no decoding); rendering and
/// writing the file happen on a thread of the export's own.
class ExportActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportActions)

public:
    /// `scheduler` and `table` must outlive this; dialogs open over `dialogParent`.
    ExportActions(const procdeck::Scheduler *scheduler, const JobTablePanel *table,
                  QWidget *dialogParent);
    ~ExportActions() override; ///< waits for exports still being written

    /// Asks for a file (the extension, or the chosen filter, names the format) and exports.
    void exportWithDialog(bool selectedOnly);
    /// Starts writing the run log of all jobs (or the selected ones) in the format the
    /// extension names; exported() says how it went (a refusal also in a message box).
    void exportTo(const QString &path, bool selectedOnly);

signals:
    /// An export is written (`ok`) or refused (`error`).
    void exported(const QString &path, bool ok, const QString &error);
    /// A line for the status bar.
    void message(const QString &text, int timeoutMs);

private:
    const procdeck::Scheduler *const m_scheduler;
    const JobTablePanel *const m_table;
    QWidget *const m_dialogParent;
    std::vector<std::unique_ptr<QThread>> m_writers; ///< exports being written
};

} // namespace procdeck::app
