#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace procdeck::app {

namespace translations {

void install(QCoreApplication *app)
{
    auto *qt = new QTranslator(app); // owned by the application, as long-lived as it
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *ours = new QTranslator(app);
    // Under C.UTF-8 QLocale() is "C", which matches no file: the sources' "%n job(s)" would show
    // as is. English is what untranslated text reads as anyway, so its plural forms fit.
    if (ours->load(QLocale(), QStringLiteral("procdeck"), QStringLiteral("_"),
                   QStringLiteral(":/i18n"))
        || ours->load(QStringLiteral("procdeck_en"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(ours);
}

} // namespace translations

} // namespace procdeck::app
