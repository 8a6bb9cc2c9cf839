#pragma once

#include <QString>
#include <QtGlobal>

#include <functional>

namespace procdeck {

/// How far a run is and when it will end, as GNU parallel 20221122's compute_eta reckons it
/// (--eta, --bar): the average time per completed job since the first completion was seen,
/// smoothed by how much is done, and an ETA that does not creep up by less than 10 %.
///
/// It keeps state between readings, as parallel's does: each reading moves the smoothing, so
/// a front end reads it when it shows it, no more.
class ProgressEstimate final
{
public:
    /// Whole seconds since the epoch, as perl's time(); a test gives a clock of its own.
    using Clock = std::function<qint64()>;

    /// One reading.
    struct Reading {
        int total = 0;             ///< jobs in all (never fewer than completed)
        int completed = 0;
        int left = 0;              ///< total - completed
        double fraction = 0;       ///< completed / total, 0 before the first completion
        double averageSeconds = 0; ///< seconds since the first completion seen, a completed job
        qint64 etaSeconds = 0;     ///< 0 before the first completion and at the end
        bool operator==(const Reading &o) const
        {
            return total == o.total && completed == o.completed && left == o.left
                    && fraction == o.fraction && averageSeconds == o.averageSeconds
                    && etaSeconds == o.etaSeconds;
        }
    };

    explicit ProgressEstimate(Clock clock = systemClock());

    /// The reading for `completed` of `total` jobs now (and the smoothing moved by it).
    Reading read(int total, int completed);

    /// parallel's seconds_to_time_units: 59s, 1m00s, 2h03m04s, 1d00h00m05s.
    static QString timeUnits(qint64 seconds);

    static Clock systemClock();

private:
    Clock m_clock;
    qint64 m_firstCompleted = 0;   ///< when a reading first saw a completed job; 0: not yet
    double m_smoothedAverage = 0;
    qint64 m_lastEta = 0;
};

} // namespace procdeck
