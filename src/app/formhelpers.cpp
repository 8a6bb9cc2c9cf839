#include "formhelpers.h"
#include "theme.h"

#include "core/output/textdecoder.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>

namespace procdeck::app {

namespace formhelpers {

void fillEncodings(QComboBox *combo, const QString &current)
{
    combo->clear();
    combo->addItems(procdeck::TextDecoder::commonEncodings());
    combo->setCurrentText(current);
}

void fillTimeoutActions(QComboBox *combo, procdeck::TimeoutAction current)
{
    combo->clear();
    combo->addItem(QCoreApplication::translate("formhelpers", "kill the process tree"),
                   int(procdeck::TimeoutAction::Kill));
    combo->addItem(QCoreApplication::translate("formhelpers", "mark it, let it run"),
                   int(procdeck::TimeoutAction::Mark));
    combo->setCurrentIndex(combo->findData(int(current)));
}

procdeck::TimeoutAction timeoutAction(const QComboBox *combo)
{
    return procdeck::TimeoutAction(combo->currentData().toInt());
}

void showProblem(QLabel *label, QDialogButtonBox *buttons, const QString &problem)
{
    label->setText(problem);
    label->setVisible(!problem.isEmpty());
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, Theme::errorText(p));
    label->setPalette(p);
    if (QPushButton *ok = buttons->button(QDialogButtonBox::Ok))
        ok->setEnabled(problem.isEmpty());
}

QString wrappingToolTip(const QStringList &lines)
{
    QStringList escaped;
    for (const QString &line : lines)
        escaped << line.toHtmlEscaped();
    return QStringLiteral("<p>%1</p>").arg(escaped.join(QLatin1String("<br>")));
}

} // namespace formhelpers

} // namespace procdeck::app
