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

/// Every text that names a column: the command's words, --tagstring, --results, --wd, --return
/// and --transferfile.
QList<QString *> namingTexts(Settings *s, QStringList *words)
{
    QList<QString *> texts{&s->tagString, &s->results, &s->remote.workdir};
    for (QString &word : *words)
        texts << &word;
    for (QStringList *list : {&s->remote.returns, &s->remote.transfer})
        for (QString &file : *list)
            texts << &file;
    return texts;
}

/// --header 0: the files read (-a, ::::) name the columns, numbered among the files alone as
/// parallel numbers them (`::: X :::: f` makes {f} the first column, X).
void nameColumnsByFiles(const QList<InputSource> &sources, Settings *s, QStringList *words)
{
    const QList<QString *> texts = namingTexts(s, words);
    int id = 1;
    for (const InputSource &source : sources) {
        if (source.file.isEmpty())
            continue;
        for (QString *text : texts)
            renumber(source.file, id, text);
        s->columnNames << source.file;
        ++id;
    }
}

} // namespace

void applyHeader(QList<InputSource> *sources, const QRegularExpression *colsep, Settings *s,
                 QStringList *words)
{
    if (s->pipe.header.isEmpty() || s->pipe.pipe || s->pipe.part) // --pipe's is the blocks'
        return;
    if (s->pipe.header == QLatin1String("0")) {
        nameColumnsByFiles(*sources, s, words);
        return;
    }
    static const QRegularExpression tab(QStringLiteral("\t"));
    int id = 1;
    for (InputSource &source : *sources) {
        if (source.values.isEmpty())
            continue;
        QString line = source.values.takeFirst();
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        for (const QString &name : line.split(colsep ? *colsep : tab)) {
            for (QString *text : namingTexts(s, words))
                renumber(name, id, text);
            s->columnNames << name;
            ++id;
        }
    }
}

} // namespace procdeck::parallel
