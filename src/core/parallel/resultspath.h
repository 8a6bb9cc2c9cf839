#pragma once

#include "parallelsettings.h"
#include "paralleltemplate.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace procdeck {
struct RunRequest;
}

namespace procdeck::parallel {

/// -u, --line-buffer, --results, --files, --compress: false with a one-line *error for what is
/// refused (parallel's own words for -u with --line-buffer).
bool checkOutputOptions(const Settings &s, QString *error);
/// How the run's output is given: grouping, --results, --files, --compress.
void setOutputOptions(const Settings &s, RunRequest *request);

/// GNU parallel's --results NAME for one job: where its output is kept. A NAME without
/// replacement strings is a tree, NAME/1/VALUE/2/VALUE/ (a value's \ TAB NUL and / written
/// \\ \t \0 \_); with them, NAME as the job's values make it. A result ending in '/' is a folder
/// (seq, stdout, stderr in it), else a file (FILE, FILE.err, FILE.seq).
class ResultsPath final
{
public:
    /// `columnNames`: --header's, which the tree says instead of the numbers.
    explicit ResultsPath(const QString &name, const ReplacementNames &names = {},
                         const QStringList &columnNames = {});
    /// `records` are the job's records (a value for each input source); `args` them flat.
    QString forJob(const QList<QStringList> &records, const QStringList &args, int seq, int slot,
                   Trim trim) const;
    /// parallel's args_as_dirname: 1/VALUE/2/VALUE (or NAME/VALUE/…), each record in turn.
    static QString argsAsDirname(const QList<QStringList> &records,
                                 const QStringList &columnNames = {});

private:
    QString m_name;
    CommandTemplate m_template;
    QStringList m_columnNames;
};

} // namespace procdeck::parallel
