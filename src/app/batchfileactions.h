#pragma once

#include <QList>
#include <QObject>

class QWidget;

namespace procdeck {
struct JobSpec;
struct ResourceLimits;
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
    /// `scheduler` must outlive this; dialogs open over `dialogParent`.
    BatchFileActions(const procdeck::Scheduler *scheduler, QWidget *dialogParent);

    /// Where a batch file's jobs go: this window's queue, or the user's engine, where they
    /// run on when the window closes.
    enum class Where { Window, Engine };
    /// Reads and expands the file; its jobs come out as batchRequested, or as
    /// backgroundBatchRequested for the engine. False if it was refused.
    bool open(const QString &path, Where where = Where::Window);
    /// Saves the table's jobs with `defaults` as the file's defaults. False with a message shown.
    bool save(const QString &path, const procdeck::JobSpec &defaults);
    /// The file dialogs of the two menu entries.
    void openWithDialog(Where where = Where::Window);
    void saveWithDialog(const procdeck::JobSpec &defaults);

signals:
    void batchRequested(const QList<procdeck::JobSpec> &specs, int maxParallel);
    /// `maxParallel` 0 when the file sets none (the engine's stays).
    void backgroundBatchRequested(const QList<procdeck::JobSpec> &specs, int maxParallel);
    /// The file's "load", "memfree" and "memsuspend" over the window's own (each one the file
    /// sets; the others as they were), as procdeck-cli --batch takes them; before batchRequested.
    void resourceLimitsRequested(const procdeck::ResourceLimits &limits);
    /// A line for the status bar.
    void message(const QString &text, int timeoutMs);

private:
    const procdeck::Scheduler *const m_scheduler;
    QWidget *const m_dialogParent;
};

} // namespace procdeck::app
