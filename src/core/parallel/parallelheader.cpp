#include "parallelheader.h"

namespace procdeck::parallel {

namespace {

/// {name…} and {=name … =} written with the column's number instead, as parallel rewrites them.
void renumber(const QString &name, int id, QString *text)
{
    const QString quoted = QRegularExpression::escape(name);
    const QRegularExpression plain(QStringLiteral(R"(\{%1(|/|//|\.|/\.)\})").arg(quoted));
    const QRegularExpression perl(QStringLiteral(R"(\{=%1(.*?)=\})").arg(quoted),
                                  QRegularExpression::DotMatchesEverythingOption);
    text->replace(plain, QStringLiteral("{%1\\1}").arg(id));
    text->replace(perl, QStringLiteral("{=%1\\1=}").arg(id));
}

} // namespace

void applyHeader(QList<InputSource> *sources, const QRegularExpression *colsep, Settings *s,
                 QStringList *words)
{
    if (s->pipe.header.isEmpty() || s->pipe.header == QLatin1String("0") || s->pipe.pipe
        || s->pipe.part) // --pipe's (--tee's too) is the blocks' header
        return;
    static const QRegularExpression tab(QStringLiteral("\t"));
    int id = 1;
    for (InputSource &source : *sources) {
        if (source.values.isEmpty())
            continue;
        QString line = source.values.takeFirst();
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        for (const QString &name : line.split(colsep ? *colsep : tab)) {
            QList<QString *> texts{&s->tagString, &s->results, &s->remote.workdir};
            for (QString &word : *words)
                texts << &word;
            for (QStringList *list : {&s->remote.returns, &s->remote.transfer})
                for (QString &file : *list)
                    texts << &file;
            for (QString *text : std::as_const(texts))
                renumber(name, id, text);
            s->columnNames << name;
            ++id;
        }
    }
}

} // namespace procdeck::parallel
