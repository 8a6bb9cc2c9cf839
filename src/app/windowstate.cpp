#include "windowstate.h"

#include "appsettings.h"

#include <QHeaderView>
#include <QMainWindow>
#include <QScreen>
#include <QSplitter>

namespace procdeck::app::windowstate {

namespace {
/// The share of the screen's free area a first window takes at most: the window manager's frame
/// (title bar, borders) is not known before the window is shown, and must fit too.
constexpr int kScreenPercent = 90;
} // namespace

void fitToScreen(QWidget *window)
{
    const QScreen *screen = window->screen();
    if (!screen)
        return;
    const QRect free = screen->availableGeometry();
    const QSize fit(qMin(window->width(), free.width() * kScreenPercent / 100),
                    qMin(window->height(), free.height() * kScreenPercent / 100));
    window->resize(fit);
    const QSize placed = window->size(); // the minimum size may have had the last word
    window->move(free.x() + qMax(0, (free.width() - placed.width()) / 2),
                 free.y() + qMax(0, (free.height() - placed.height()) / 2));
}

void restore(QMainWindow *window, QSplitter *splitter, QHeaderView *columns)
{
    const auto s = AppSettings::open();
    if (!window->restoreGeometry(s->value(QStringLiteral("window/geometry")).toByteArray()))
        fitToScreen(window);
    window->restoreState(s->value(QStringLiteral("window/state")).toByteArray());
    splitter->restoreState(s->value(QStringLiteral("window/splitter")).toByteArray());
    columns->restoreState(s->value(QStringLiteral("window/columns")).toByteArray());
}

void save(const QMainWindow *window, const QSplitter *splitter, const QHeaderView *columns)
{
    const auto s = AppSettings::open();
    s->setValue(QStringLiteral("window/geometry"), window->saveGeometry());
    s->setValue(QStringLiteral("window/state"), window->saveState());
    s->setValue(QStringLiteral("window/splitter"), splitter->saveState());
    s->setValue(QStringLiteral("window/columns"), columns->saveState());
}

} // namespace procdeck::app::windowstate
