#pragma once

#include <QList>
#include <QObject>

class QMainWindow;

namespace procdeck {
class Job;
class Scheduler;
} // namespace procdeck

namespace procdeck::app {

class JobTablePanel;

/// The window's run-log exports: "Export…" and "Export selected…" (a file dialog whose filter
/// names the format), and writing a run log of all or the selected jobs to a path.
class ExportActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportActions)

public:
    ExportActions(procdeck::Scheduler *scheduler, JobTablePanel *table, QMainWindow *window);

    /// Asks for a file (the extension, or the chosen filter, names the format) and exports.
    void exportWithDialog(bool selectedOnly);
    /// Writes the run log of all jobs (or the selected ones) in the format the extension names.
    /// False with a message shown; the status bar says what was written.
    bool exportTo(const QString &path, bool selectedOnly);

private:
    procdeck::Scheduler *m_scheduler;
    JobTablePanel *m_table;
    QMainWindow *m_window;
};

} // namespace procdeck::app
