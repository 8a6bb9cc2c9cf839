#include "resultspath.h"

#include "joboptions.h"

namespace procdeck::parallel {

ResultsPath::ResultsPath(const QString &name, const QString &whole)
    : m_name(name), m_template(CommandTemplate::forTag(name, whole))
{
}

QString ResultsPath::forJob(const QList<QStringList> &records, const QStringList &args, int seq,
                            int slot, Trim trim) const
{
    const QString replaced = m_template.expand(args, seq, slot, trim);
    if (replaced != m_name)
        return replaced; // parallel's test: did replacing change it?
    return m_name + QLatin1Char('/') + argsAsDirname(records) + QLatin1Char('/');
}

QString ResultsPath::argsAsDirname(const QList<QStringList> &records)
{
    QStringList parts;
    for (const QStringList &record : records) {
        for (qsizetype n = 0; n < record.size(); ++n) {
            QString value = record.at(n);
            value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
            value.replace(QLatin1Char('\t'), QLatin1String("\\t"));
            value.replace(QChar(0), QLatin1String("\\0"));
            value.replace(QLatin1Char('/'), QLatin1String("\\_"));
            parts << QString::number(n + 1) << value;
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
    request->outputAsFiles = s.files;
    request->compress = s.compress;
}

} // namespace procdeck::parallel
