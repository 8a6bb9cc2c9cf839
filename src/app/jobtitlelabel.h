#pragma once

#include <QColor>
#include <QLabel>

namespace procdeck::app {

/// The output view's first row: the job in bold, then why it ended in the state's colour, each
/// elided to fit its width (the title gets what the reason leaves, 60 % at least); both whole,
/// under the command line, in its tooltip.
class JobTitleLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobTitleLabel)

public:
    explicit JobTitleLabel(QWidget *parent = nullptr);

    /// The job's title and its command line (the tooltip's first line).
    void setTitle(const QString &title, const QString &commandLine);
    /// Why the job ended, shown in `color`; empty: nothing beside the title.
    void setReason(const QString &reason, const QColor &color);
    QString reason() const { return m_reason; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();

    QString m_title;
    QString m_commandLine;
    QString m_reason;
    QColor m_reasonColor;
};

} // namespace procdeck::app
