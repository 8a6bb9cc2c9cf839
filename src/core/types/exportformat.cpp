#include "exportformat.h"

#include <QFileInfo>

namespace procdeck::runlog {

bool formatFromName(const QString &name, Format *out)
{
    const QString n = name.toLower();
    if (n == QLatin1String("jsonl") || n == QLatin1String("json"))
        *out = Format::JsonLines;
    else if (n == QLatin1String("csv"))
        *out = Format::Csv;
    else if (n == QLatin1String("joblog"))
        *out = Format::JobLog;
    else if (n == QLatin1String("txt") || n == QLatin1String("text"))
        *out = Format::Text;
    else if (n == QLatin1String("html") || n == QLatin1String("htm"))
        *out = Format::Html;
    else
        return false;
    return true;
}

bool formatForPath(const QString &path, Format *out)
{
    return formatFromName(QFileInfo(path).suffix(), out);
}

} // namespace procdeck::runlog
