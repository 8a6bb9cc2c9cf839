#include "shellwords.h"

namespace procdeck::shellwords {

bool split(const QString &line, QStringList *words, QString *error)
{
    words->clear();
    QString word;
    bool inWord = false;
    QChar quote; // '\'' or '"' while inside quotes
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quote == QLatin1Char('\'')) {
            if (c == quote)
                quote = QChar();
            else
                word += c;
        } else if (quote == QLatin1Char('"')) {
            if (c == quote) {
                quote = QChar();
            } else if (c == QLatin1Char('\\') && i + 1 < line.size()
                       && QStringLiteral("\"\\$`").contains(line.at(i + 1))) {
                word += line.at(++i);
            } else {
                word += c;
            }
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            inWord = true;
        } else if (c == QLatin1Char('\\')) {
            if (i + 1 < line.size())
                word += line.at(++i);
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                *words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (!quote.isNull()) {
        const QString kind = quote == QLatin1Char('"') ? QStringLiteral("double")
                                                       : QStringLiteral("single");
        *error = QStringLiteral("unterminated %1 quote in '%2'").arg(kind, line);
        return false;
    }
    if (inWord)
        *words << word;
    return true;
}

} // namespace procdeck::shellwords
