#include "theme.h"

namespace procdeck::app {

namespace {
QColor pick(const QPalette &palette, const char *light, const char *onDark)
{
    return QColor(QLatin1String(Theme::isDark(palette) ? onDark : light));
}
} // namespace

bool Theme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor Theme::stateColor(JobState state, bool timedOut, const QPalette &palette)
{
    if (timedOut && state == JobState::Running)
        return pick(palette, "#b86e00", "#ffb454");
    switch (state) {
    case JobState::Queued: return palette.color(QPalette::Disabled, QPalette::Text);
    case JobState::Running: return pick(palette, "#1565c0", "#64b5f6");
    case JobState::Finished: return pick(palette, "#2e7d32", "#81c784");
    case JobState::Failed: return pick(palette, "#c62828", "#ef9a9a");
    case JobState::TimedOut: return pick(palette, "#b86e00", "#ffb454");
    case JobState::Killed: return pick(palette, "#6a1b9a", "#ce93d8");
    case JobState::Crashed: return pick(palette, "#ad1457", "#f48fb1");
    case JobState::FailedToStart: return pick(palette, "#8e0000", "#ff8a80");
    case JobState::Cancelled: return palette.color(QPalette::Disabled, QPalette::Text);
    case JobState::Paused: return pick(palette, "#00838f", "#4dd0e1");
    case JobState::Skipped: return pick(palette, "#795548", "#bcaaa4");
    }
    return palette.color(QPalette::Text);
}

QColor Theme::errorText(const QPalette &palette)
{
    return pick(palette, "#b71c1c", "#ff8a80");
}

QColor Theme::cpuSeries(const QPalette &palette)
{
    return pick(palette, "#1565c0", "#64b5f6");
}

QColor Theme::memorySeries(const QPalette &palette)
{
    return pick(palette, "#2e7d32", "#81c784");
}

QColor Theme::ioReadSeries(const QPalette &palette)
{
    return pick(palette, "#6a1b9a", "#ce93d8");
}

QColor Theme::ioWriteSeries(const QPalette &palette)
{
    return pick(palette, "#e65100", "#ffb74d");
}

QColor Theme::noticeTint(bool error, const QPalette &palette)
{
    return error ? pick(palette, "#fde2e1", "#5c1f1f") : pick(palette, "#fff3cd", "#4d3b12");
}

QColor Theme::noticeText(const QPalette &palette)
{
    return pick(palette, "#212121", "#f5f5f5");
}

QColor Theme::notFoundBase(const QPalette &palette)
{
    return pick(palette, "#ffc8c8", "#6d2a2a");
}

} // namespace procdeck::app
