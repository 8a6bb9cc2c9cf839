#pragma once

#include <QString>
#include <QStringView>

namespace procdeck {

/// Terminal escapes in a job's output, for the reports (the window has its own reader, which
/// styles text for the output pane). SGR colours and bold, italic and underline become HTML
/// spans; every other escape (cursor moves, erases, OSC titles) is dropped. A report shows
/// `ls --color` as the terminal did, never `[01;34m`.
namespace ansitext {

/// The text, HTML-escaped, with its SGR styles as <span style="…">; nothing else left of any
/// escape. Spans are closed at the end.
QString toHtml(QStringView text);
/// The text with every escape sequence removed.
QString stripped(QStringView text);

} // namespace ansitext

} // namespace procdeck
