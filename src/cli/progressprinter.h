#pragma once

#include "core/scheduling/progressestimate.h"

#include "core/parallel/joboptions.h"

#include <QObject>
#include <QTimer>

#include <memory>

class OutputSink;

namespace procdeck {
class Job;
class Scheduler;
} // namespace procdeck

/// GNU parallel's --progress, --eta and --bar on standard error, in parallel 20221122's words:
/// a status line rewritten in place ("\r") every second and at each job's end, a last one with
/// a newline when the run is over. The numbers are ProgressEstimate's; this only formats them.
class ProgressPrinter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProgressPrinter)

public:
    enum class Style { Progress, Eta, Bar }; ///< --bar wins over --eta, --eta adds to --progress

    /// `asManyAsJobs`: -j 0, shown as the number of jobs; `cores`: the CPU cores shown.
    ProgressPrinter(procdeck::Scheduler *scheduler, OutputSink *err, Style style,
                    bool asManyAsJobs, int cores, QObject *parent = nullptr);

    /// The printer `request` asks for (null for none); it starts from the event loop once the
    /// first jobs are in the scheduler.
    static std::unique_ptr<ProgressPrinter> forRequest(const procdeck::RunRequest &request,
                                                       procdeck::Scheduler *scheduler,
                                                       OutputSink *err);

    /// The heading (not for --bar), then a status line every second until finish().
    void start();
    /// The last status line, with its newline.
    void finish();

    /// parallel's --bar text at `columns`: its zenity line, the percentage and the reversed bar.
    static QString barText(const procdeck::ProgressEstimate::Reading &r, const QString &arg,
                           int columns);
    /// The columns of the controlling terminal, as parallel finds them (80 without one).
    static int terminalColumns();
    /// The CPU cores parallel shows: physical cores, as /proc/cpuinfo counts them.
    static int cpuCores();

private:
    QString status();
    QString hostStatus() const;
    void onJobEnded(procdeck::Job *job);
    void writeStatus(const QString &text);

    procdeck::Scheduler *m_scheduler;
    OutputSink *m_err;
    Style m_style;
    bool m_asManyAsJobs;
    int m_cores;
    qint64 m_startSeconds;         ///< perl's $^T: the run's start, whole seconds
    procdeck::ProgressEstimate m_estimate;
    QTimer m_tick;
    int m_completed = 0;           ///< jobs ended for good (a try tried again is not)
    int m_retried = 0;             ///< tries tried again: not jobs of their own
    QString m_newestArg;           ///< the values of the job started last (--bar)
    bool m_started = false;
    bool m_finished = false;
};
