#pragma once

#include "core/types/jobstate.h"

#include <QColor>
#include <QPalette>

namespace procdeck::app {

/// The colours ProcDeck picks itself, each with its light and its dark-palette shade: the one
/// place to change a hue. Everything else comes from the person's palette.
class Theme final
{
public:
    /// True when `palette` is a dark one (light text on a dark base).
    static bool isDark(const QPalette &palette);
    /// A job's state as its colour (icons, the timeline); queued and cancelled jobs are greyed.
    static QColor stateColor(procdeck::JobState state, bool timedOut, const QPalette &palette);
    /// Text that reports a problem: stderr, a form's inline message.
    static QColor errorText(const QPalette &palette);
    /// The CPU and the memory series (the chart, the table's sparklines).
    static QColor cpuSeries(const QPalette &palette);
    static QColor memorySeries(const QPalette &palette);
    static QColor ioReadSeries(const QPalette &palette);
    static QColor ioWriteSeries(const QPalette &palette);
    /// A notice strip's background (error or warning) and its text.
    static QColor noticeTint(bool error, const QPalette &palette);
    static QColor noticeText(const QPalette &palette);
    /// A search field's background when its text was not found.
    static QColor notFoundBase(const QPalette &palette);
};

} // namespace procdeck::app
