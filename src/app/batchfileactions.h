#pragma once

#include <QList>
#include <QObject>

class QMainWindow;

namespace procdeck {
struct JobSpec;
class Scheduler;
} // namespace procdeck

namespace procdeck::app {

/// The window's batch files: "Open batch file…" runs one's jobs, "Save jobs as batch file…"
/// writes the table's jobs as one. Problems are shown to the person.
class BatchFileActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchFileActions)

public:
    BatchFileActions(procdeck::Scheduler *scheduler, QMainWindow *window);

    /// Reads and expands the file; its jobs come out as batchRequested. False if it was refused.
    bool open(const QString &path);
    /// Saves the table's jobs with `defaults` as the file's defaults. False with a message shown.
    bool save(const QString &path, const procdeck::JobSpec &defaults);
    /// The file dialogs of the two menu entries.
    void openWithDialog();
    void saveWithDialog(const procdeck::JobSpec &defaults);

signals:
    void batchRequested(const QList<procdeck::JobSpec> &specs, int maxParallel);

private:
    procdeck::Scheduler *m_scheduler;
    QMainWindow *m_window;
};

} // namespace procdeck::app
