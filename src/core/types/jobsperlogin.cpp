#include "jobsperlogin.h"

#include <QRegularExpression>

#include <climits>
#include <cmath>

namespace procdeck {

bool JobsPerLogin::parse(const QString &text, JobsPerLogin *out)
{
    static const QRegularExpression form(QStringLiteral(R"(^([+-]?)(\d+(?:\.\d+)?)(%?)$)"));
    const QRegularExpressionMatch m = form.match(text);
    if (!m.hasMatch())
        return false;
    const bool percent = !m.captured(3).isEmpty();
    const QString sign = m.captured(1);
    const bool wholeNumber = !m.captured(2).contains(QLatin1Char('.'));
    if ((percent && !sign.isEmpty()) || (!percent && !wholeNumber))
        return false;
    out->number = m.captured(2).toDouble();
    out->form = percent                      ? Form::CpuShare
            : sign == QLatin1String("+")     ? Form::CpusPlus
            : sign == QLatin1String("-")     ? Form::CpusMinus
            : out->number == 0               ? Form::AsMany
                                             : Form::Count;
    return true;
}

JobsPerLogin JobsPerLogin::fromCount(int count)
{
    return count > 0 ? JobsPerLogin{Form::Count, double(count)} : JobsPerLogin{};
}

int JobsPerLogin::on(int cpus) const
{
    double count = number;
    switch (form) {
    case Form::CpuShare:
        count = cpus * number / 100;
        break;
    case Form::CpusPlus:
        count = cpus + number;
        break;
    case Form::CpusMinus:
        count = cpus - number;
        break;
    case Form::Count:
        break;
    case Form::AsMany:
        return INT_MAX;
    }
    count = std::ceil(count);
    return count >= INT_MAX ? INT_MAX : int(count);
}

} // namespace procdeck
