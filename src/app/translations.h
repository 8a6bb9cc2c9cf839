#pragma once

class QCoreApplication;

namespace procdeck::app {

namespace translations {

/// Installs Qt's own and ProcDeck's translations for the person's language. A language without
/// a translation (the C/POSIX locale included) gets the English plural forms, never "job(s)".
void install(QCoreApplication *app);

} // namespace translations

} // namespace procdeck::app
