#include "batch.h"

#include "types/rawbytes.h"
#include "types/shellwords.h"

#include <QFile>
#include <QRegularExpression>

#include <limits>

namespace procdeck::batch {

namespace {
const QString kValue = QStringLiteral("{}");
const QString kNumber = QStringLiteral("{#}");
constexpr qint64 kMaxRangeSize = 10'000'000;
} // namespace

bool parseRange(const QString &text, QStringList *values, QString *error)
{
    static const QRegularExpression form(
            QStringLiteral("^\\s*(-?\\d+)\\s*\\.\\.\\s*(-?\\d+)\\s*$"));
    const QRegularExpressionMatch m = form.match(text);
    bool okA = false;
    bool okB = false;
    const qint64 a = m.hasMatch() ? m.captured(1).toLongLong(&okA) : 0;
    const qint64 b = m.hasMatch() ? m.captured(2).toLongLong(&okB) : 0;
    if (m.hasMatch() && (!okA || !okB)) {
        *error = QStringLiteral("range '%1': %2 is out of range (whole numbers from %3 to %4)")
                     .arg(text, m.captured(okA ? 2 : 1))
                     .arg(std::numeric_limits<qint64>::min())
                     .arg(std::numeric_limits<qint64>::max());
        return false;
    }
    if (!okA || !okB) {
        *error = QStringLiteral("invalid range '%1': expected A..B with whole numbers, e.g. 1..10")
                         .arg(text);
        return false;
    }
    // b - a overflows for the widest ranges; in unsigned arithmetic the distance is exact.
    const quint64 span = a <= b ? quint64(b) - quint64(a) : quint64(a) - quint64(b);
    if (span >= quint64(kMaxRangeSize)) {
        *error = QStringLiteral("range '%1' is too large (at most %2 values)")
                         .arg(text)
                         .arg(kMaxRangeSize);
        return false;
    }
    values->clear();
    const qint64 step = a <= b ? 1 : -1;
    for (qint64 v = a;; v += step) {
        values->append(QString::number(v));
        if (v == b)
            break;
    }
    return true;
}

QStringList parseValues(const QString &text)
{
    return text.split(QLatin1Char(','));
}

bool readValuesFile(const QString &path, QStringList *values, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read '%1': %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray bytes = file.readAll();
    if (const qsizetype nul = bytes.indexOf('\0'); nul >= 0) {
        // A NUL cannot be in an argument or a command line: it would silently cut it short.
        *error = QStringLiteral("'%1' line %2 holds a NUL byte, which no command line can carry")
                     .arg(path)
                     .arg(bytes.left(nul).count('\n') + 1);
        return false;
    }
    QString text = rawbytes::fromBytes(bytes); // bytes that are not UTF-8 reach the job as they are
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    if (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    *values = text.isEmpty() ? QStringList() : text.split(QLatin1Char('\n'));
    return true;
}

QString substitute(const QString &commandTemplate, const QString &value, int number,
                   bool quoteForShell)
{
    const QString shown = quoteForShell ? shellQuote(value) : value;
    if (!commandTemplate.contains(kValue) && !commandTemplate.contains(kNumber))
        return commandTemplate + QLatin1Char(' ') + shown;
    QString out = commandTemplate;
    out.replace(kNumber, QString::number(number));
    out.replace(kValue, shown);
    return out;
}

bool expand(const QString &commandTemplate, const QStringList &values, const JobSpec &base,
            QList<JobSpec> *jobs, QString *error)
{
    if (commandTemplate.trimmed().isEmpty()) {
        *error = QStringLiteral("empty template: give a command such as 'sleep {}'");
        return false;
    }
    jobs->clear();
    jobs->reserve(values.size());
    QStringList argvTemplate;
    if (!base.useShell) {
        if (!shellwords::split(commandTemplate, &argvTemplate, error))
            return false;
        if (argvTemplate.isEmpty()) {
            *error = QStringLiteral("template '%1' holds no command").arg(commandTemplate);
            return false;
        }
        const bool hasPlaceholder
                = commandTemplate.contains(kValue) || commandTemplate.contains(kNumber);
        if (!hasPlaceholder)
            argvTemplate << kValue;
    }
    int number = 1;
    for (const QString &value : values) {
        JobSpec spec = base;
        spec.values = QStringList{value};
        if (base.useShell) {
            spec.shellCommand = substitute(commandTemplate, value, number, true);
        } else {
            QStringList argv;
            for (const QString &arg : argvTemplate) {
                QString a = arg;
                a.replace(kNumber, QString::number(number));
                a.replace(kValue, value);
                argv << a;
            }
            spec.program = argv.takeFirst();
            spec.arguments = argv;
        }
        jobs->append(spec);
        ++number;
    }
    return true;
}

bool readCommandsFile(const QString &path, const JobSpec &base, QList<JobSpec> *out, QString *error)
{
    QStringList lines;
    if (!readValuesFile(path, &lines, error))
        return false;
    out->clear();
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        JobSpec spec = base;
        spec.useShell = true;
        spec.shellCommand = line;
        out->append(spec);
    }
    return true;
}

} // namespace procdeck::batch
