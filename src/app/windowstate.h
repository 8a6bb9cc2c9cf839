#pragma once

class QHeaderView;
class QMainWindow;
class QSplitter;
class QWidget;

namespace procdeck::app {

/// What the window remembers of its layout between runs (its geometry, toolbars, the split and
/// the table's columns), and the size of a first window, which has nothing to remember.
namespace windowstate {

/// Restores what save() wrote; a window with no geometry remembered is fitted to its screen.
void restore(QMainWindow *window, QSplitter *splitter, QHeaderView *columns);
void save(const QMainWindow *window, const QSplitter *splitter, const QHeaderView *columns);
/// Sizes `window` to fit its screen's available area (at most the form's own size), centred:
/// the form's 1280×800 would put the status bar off an 800×600 screen, or under a taskbar.
void fitToScreen(QWidget *window);

} // namespace windowstate
} // namespace procdeck::app
