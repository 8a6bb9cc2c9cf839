#include "resourceoptions.h"

#include "pipesplitter.h"

#include <QCommandLineParser>
#include <QRegularExpression>
#include <QThread>

namespace procdeck::resourceoptions {

bool readLoad(const QString &text, double *load, QString *error)
{
    // parallel's compute_max_loadavg: its four forms, against the CPU threads as -j counts them.
    static const QRegularExpression form(QStringLiteral(R"(^([+-]?)(\d+(?:\.\d+)?)(%?)$)"));
    const QRegularExpressionMatch m = form.match(text);
    const bool whole = m.hasMatch() && !m.captured(2).contains(QLatin1Char('.'));
    const bool signedOrPercent = m.hasMatch() && !(m.captured(1) + m.captured(3)).isEmpty();
    if (!m.hasMatch() || (signedOrPercent && !whole)
        || (!m.captured(1).isEmpty() && !m.captured(3).isEmpty())) {
        *error = QStringLiteral("--load: expected N, N%, +N or -N (the CPU threads' count), "
                                "not '%1'")
                         .arg(text);
        return false;
    }
    const double cpus = QThread::idealThreadCount();
    const double n = m.captured(2).toDouble();
    double value = n;
    if (m.captured(1) == QLatin1String("+"))
        value = cpus + n;
    else if (m.captured(1) == QLatin1String("-"))
        value = cpus - n;
    else if (!m.captured(3).isEmpty())
        value = cpus * n / 100;
    *load = qMax(0.01, value); // parallel: "0 is interpreted as 0.01"
    return true;
}

bool readSize(const QString &option, const QString &text, qint64 *bytes, QString *error)
{
    static const QRegularExpression zero(QStringLiteral(R"(^0+(\.0*)?[kmgtKMGT]?i?$)"));
    if (zero.match(text).hasMatch()) {
        *bytes = 0;
        return true;
    }
    if (parallel::readBlockSize(text, bytes))
        return true;
    *error = QStringLiteral("%1: expected a size (bytes, or 1k = 1000, 1K = 1024; k m g t), "
                            "not '%2'")
                     .arg(option, text);
    return false;
}

bool read(const QCommandLineParser &p, ResourceLimits *limits, QString *error)
{
    ResourceLimits l;
    if (p.isSet(QStringLiteral("load"))
        && !readLoad(p.value(QStringLiteral("load")), &l.maxLoad, error))
        return false;
    for (const auto &[name, bytes] : {std::pair{"memfree", &l.memFree},
                                      std::pair{"memsuspend", &l.memSuspend}}) {
        const QString option = QString::fromLatin1(name);
        if (p.isSet(option)
            && !readSize(QStringLiteral("--") + option, p.value(option), bytes, error))
            return false;
    }
    *limits = l;
    return true;
}

} // namespace procdeck::resourceoptions
