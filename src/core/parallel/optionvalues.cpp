// The values of GNU parallel's options that need reading: -d's escapes, durations, -j.
#include "paralleloptions.h"

#include <QFile>
#include <QRegularExpression>
#include <QThread>

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

bool readJobs(const QString &text, int *jobs, QString *error, JobsPerLogin *perLogin)
{
    JobsPerLogin rule;
    bool known = JobsPerLogin::parse(text, &rule);
    if (!known && QFile::exists(text)) {
        QFile file(text);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("-j: cannot read '%1'").arg(text);
            return false;
        }
        known = JobsPerLogin::parse(QString::fromUtf8(file.readAll()).trimmed(), &rule);
    }
    if (!known) {
        *error = QStringLiteral("-j: expected N, N%, +N, -N or 0, not '%1'").arg(text);
        return false;
    }
    // 0, "as many as possible": the scheduler's file-descriptor budget is the limit.
    const int cpus = QThread::idealThreadCount();
    const int count = rule.on(cpus);
    if (count < 1) {
        *error = QStringLiteral("-j %1: that leaves no job to run at once on this %2-CPU machine")
                         .arg(text)
                         .arg(cpus);
        return false;
    }
    *jobs = count;
    if (perLogin)
        *perLogin = rule;
    return true;
}

} // namespace procdeck::parallel
