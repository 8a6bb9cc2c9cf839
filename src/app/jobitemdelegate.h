#pragma once

#include "core/types/jobstate.h"

#include <QColor>
#include <QStyledItemDelegate>

namespace procdeck::app {

/// Paints the job table's State column (an icon and colour per state, and an animated
/// "working…" spinner while a job runs) and colours failing exit codes. The animation is driven
/// from outside by one shared timer through advanceAnimation(), never one timer per row.
class JobItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobItemDelegate)

public:
    explicit JobItemDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    /// The State column's tooltip says why the job ended.
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    /// The state, and why the job ended (the State column's tooltip).
    static QString stateToolTip(const QModelIndex &index);

    /// Moves the spinner one frame on.
    void advanceAnimation() { m_frame = (m_frame + 1) % kFrames; }

private:
    void paintState(QPainter *painter, const QStyleOptionViewItem &option,
                    const QModelIndex &index) const;
    /// Draws the recent samples in `area` (the part of the cell the figure leaves free).
    static void paintSparkline(QPainter *painter, const QRectF &area, const QModelIndex &index,
                               const QPalette &palette);
    static void paintStateIcon(QPainter *painter, const QRectF &rect, procdeck::JobState state,
                               bool timedOut, const QColor &color, int frame);

    static constexpr int kFrames = 12;
    int m_frame = 0;
};

} // namespace procdeck::app
