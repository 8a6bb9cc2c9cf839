#pragma once

#include "core/types/jobspec.h"

class QComboBox;
class QLabel;
class QDialogButtonBox;

namespace procdeck::app {

/// Small pieces the dialogs share, so that every form offers the same encodings and timeout
/// actions and reports problems the same way.
namespace formhelpers {

void fillEncodings(QComboBox *combo, const QString &current);
void fillTimeoutActions(QComboBox *combo, procdeck::TimeoutAction current);
procdeck::TimeoutAction timeoutAction(const QComboBox *combo);
/// Shows `problem` inline (in the error colour) and disables OK while there is one.
void showProblem(QLabel *label, QDialogButtonBox *buttons, const QString &problem);
/// A tooltip of plain lines that wraps at the screen's width: Qt wraps only rich-text tips, so
/// a long note in plain text would run past the edge of the screen.
QString wrappingToolTip(const QStringList &lines);

} // namespace formhelpers

} // namespace procdeck::app
