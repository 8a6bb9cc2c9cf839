#include "resultspath.h"

#include "joboptions.h"

#include <QRegularExpression>

#include <algorithm>

namespace procdeck::parallel {

namespace {

/// perl's number of a string: its leading number, 0 when it has none ("11b" 11, "a" 0).
double perlNumeric(const QString &text)
{
    static const QRegularExpression leading(QStringLiteral(R"(^\s*[+-]?(\d+\.?\d*|\.\d+))"));
    const QRegularExpressionMatch m = leading.match(text);
    return m.hasMatch() ? m.captured().trimmed().toDouble() : 0.0;
}

/// parallel's header_indexes_sorted: the columns by their names, numerically then as text
/// (1 2 11 without --header; a b with it).
QList<qsizetype> columnOrder(qsizetype count, const QStringList &columnNames)
{
    QList<qsizetype> order;
    for (qsizetype n = 0; n < count; ++n)
        order << n;
    const auto name = [&](qsizetype n) { return columnNames.value(n, QString::number(n + 1)); };
    std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        const double x = perlNumeric(name(a));
        const double y = perlNumeric(name(b));
        return x != y ? x < y : name(a) < name(b);
    });
    return order;
}

} // namespace

ResultsPath::ResultsPath(const QString &name, const ReplacementNames &names,
                         const QStringList &columnNames)
    : m_name(name), m_template(CommandTemplate::forTag(name, names)), m_columnNames(columnNames)
{
}

QString ResultsPath::forJob(const QList<QStringList> &records, const QStringList &args, int seq,
                            int slot, Trim trim) const
{
    const QString replaced = m_template.expand(args, seq, slot, trim);
    if (replaced != m_name)
        return replaced; // parallel's test: did replacing change it?
    return m_name + QLatin1Char('/') + argsAsDirname(records, m_columnNames) + QLatin1Char('/');
}

QString ResultsPath::argsAsDirname(const QList<QStringList> &records,
                                   const QStringList &columnNames)
{
    QStringList parts;
    for (const QStringList &record : records) {
        for (const qsizetype n : columnOrder(record.size(), columnNames)) {
            QString value = record.at(n);
            value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
            value.replace(QLatin1Char('\t'), QLatin1String("\\t"));
            value.replace(QChar(0), QLatin1String("\\0"));
            value.replace(QLatin1Char('/'), QLatin1String("\\_"));
            parts << columnNames.value(n, QString::number(n + 1)) << value;
        }
    }
    return parts.join(QLatin1Char('/'));
}

bool checkOutputOptions(const Settings &s, QString *error)
{
    if (s.ungroup && s.lineBuffer) { // parallel's words
        *error = QStringLiteral("--ungroup cannot be combined with --line-buffer.");
        return false;
    }
    if (s.results.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
        *error = QStringLiteral("--results %1: a .json table is not supported yet; give a folder "
                                "or a .csv or .tsv file").arg(s.results);
        return false;
    }
    if (s.compress && (s.files || !s.results.isEmpty())) {
        *error = QStringLiteral("--compress with --files or --results is not supported yet");
        return false;
    }
    return true;
}

void setOutputOptions(const Settings &s, RunRequest *request)
{
    using Grouping = RunRequest::Grouping;
    request->grouping = s.ungroup ? Grouping::Ungroup
            : s.lineBuffer        ? Grouping::LineBuffer
                                  : Grouping::Group;
    request->resultsPath = s.results;
    // The table's V1, V2 … stay for --header 0 (parallel asks `if ($opt::header)`; "0" is false).
    if (s.pipe.header != QLatin1String("0"))
        request->resultsColumnNames = s.columnNames;
    request->outputAsFiles = s.files;
    request->compress = s.compress;
}

} // namespace procdeck::parallel
