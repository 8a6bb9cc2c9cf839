// The values of GNU parallel's options that need reading: -d's escapes, durations, -j.
#include "paralleloptions.h"

#include <QFile>
#include <QRegularExpression>
#include <QThread>

#include <climits>
#include <cmath>

namespace procdeck::parallel {

QString unquotePrintf(QString text)
{
    text.replace(QLatin1String("\\t"), QLatin1String("\t"));
    text.replace(QLatin1String("\\n"), QLatin1String("\n"));
    text.replace(QLatin1String("\\r"), QLatin1String("\r"));
    static const QRegularExpression octal(QStringLiteral(R"(\\([0-7]{3}|[0-7]))"));
    QString out;
    qsizetype at = 0;
    QRegularExpressionMatchIterator it = octal.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(at, m.capturedStart() - at);
        out += QChar(char16_t(m.captured(1).toUInt(nullptr, 8) & 0xFF));
        at = m.capturedEnd();
    }
    return out + text.mid(at);
}

bool readDuration(const QString &text, double *seconds)
{
    static const QRegularExpression whole(QStringLiteral(R"(^(\d+(\.\d+)?[dhms]?)+$)"),
                                          QRegularExpression::CaseInsensitiveOption);
    if (!whole.match(text).hasMatch())
        return false;
    static const QRegularExpression part(QStringLiteral(R"((\d+(?:\.\d+)?)([dhms]?))"),
                                         QRegularExpression::CaseInsensitiveOption);
    double total = 0;
    QRegularExpressionMatchIterator it = part.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QChar unit
                = m.captured(2).isEmpty() ? QLatin1Char('s') : m.captured(2).at(0).toLower();
        const double factor = unit == QLatin1Char('d') ? 86400
                : unit == QLatin1Char('h')             ? 3600
                : unit == QLatin1Char('m')             ? 60
                                                       : 1;
        total += m.captured(1).toDouble() * factor;
    }
    *seconds = total;
    return true;
}

bool readJobs(const QString &text, int *jobs, QString *error)
{
    const int cpus = QThread::idealThreadCount();
    static const QRegularExpression form(QStringLiteral(R"(^([+-]?)(\d+(?:\.\d+)?)(%?)$)"));
    QString value = text;
    QRegularExpressionMatch m = form.match(value);
    if (!m.hasMatch() && QFile::exists(value)) {
        QFile file(value);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("-j: cannot read '%1'").arg(text);
            return false;
        }
        value = QString::fromUtf8(file.readAll()).trimmed();
        m = form.match(value);
    }
    const bool wholeNumber = m.hasMatch() && !m.captured(2).contains(QLatin1Char('.'));
    if (!m.hasMatch() || (!m.captured(3).isEmpty() && !m.captured(1).isEmpty())
        || (m.captured(3).isEmpty() && !wholeNumber)) {
        *error = QStringLiteral("-j: expected N, N%, +N, -N or 0, not '%1'").arg(text);
        return false;
    }
    const double n = m.captured(2).toDouble();
    double count = n;
    if (!m.captured(3).isEmpty())
        count = cpus * n / 100;
    else if (m.captured(1) == QLatin1String("+"))
        count = cpus + n;
    else if (m.captured(1) == QLatin1String("-"))
        count = cpus - n;
    else if (n == 0)
        count = INT_MAX; // "as many as possible": the scheduler's file-descriptor budget is the
                         // limit
    count = std::ceil(count);
    if (count < 1) {
        *error = QStringLiteral("-j %1: that leaves no job to run at once on this %2-CPU machine")
                         .arg(text)
                         .arg(cpus);
        return false;
    }
    *jobs = count >= INT_MAX ? INT_MAX : int(count);
    return true;
}

} // namespace procdeck::parallel
