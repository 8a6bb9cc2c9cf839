#include "steeringjson.h"

#include <QJsonArray>

#include <cmath>

namespace procdeck::steeringjson {

namespace {

bool readIds(const QJsonValue &v, QStringList *out)
{
    if (!v.isArray())
        return false;
    out->clear();
    for (const QJsonValue &id : v.toArray()) {
        if (!id.isString() || id.toString().isEmpty())
            return false;
        *out << id.toString();
    }
    return true;
}

} // namespace

const QStringList &settingKeys()
{
    static const QStringList keys = {QStringLiteral("retries"), QStringLiteral("retry_delay_s")};
    return keys;
}

const QStringList &jobKeys()
{
    static const QStringList keys
            = { QStringLiteral("id"), QStringLiteral("after"), QStringLiteral("after_success") };
    return keys;
}

bool read(const QJsonObject &o, const QStringList &keys, JobSpec *spec, QString *key,
          QString *problem)
{
    for (const QString &k : keys) {
        if (!o.contains(k))
            continue;
        const QJsonValue v = o.value(k);
        *key = k;
        if (k == QLatin1String("retries")) {
            const double n = v.toDouble(-1);
            if (!v.isDouble() || n < 0 || n != std::floor(n) || n > 1000) {
                *problem = QStringLiteral("expected a whole number of tries (0–1000)");
                return false;
            }
            spec->retries = int(n);
        } else if (k == QLatin1String("retry_delay_s")) {
            if (!v.isDouble() || v.toDouble() < 0) {
                *problem = QStringLiteral("expected a number of seconds ≥ 0");
                return false;
            }
            spec->retryDelaySeconds = v.toDouble();
        } else if (k == QLatin1String("id")) {
            if (!v.isString() || v.toString().isEmpty()) {
                *problem = QStringLiteral("expected a non-empty string");
                return false;
            }
            spec->id = v.toString();
        } else if (!readIds(v, k == QLatin1String("after") ? &spec->after : &spec->afterSuccess)) {
            *problem = QStringLiteral("expected an array of job ids (strings)");
            return false;
        }
    }
    return true;
}

void writeSettings(const JobSpec &spec, QJsonObject *o)
{
    o->insert(QStringLiteral("retries"), spec.retries);
    o->insert(QStringLiteral("retry_delay_s"), spec.retryDelaySeconds);
}

void writeJobKeys(const JobSpec &spec, QJsonObject *o)
{
    if (!spec.id.isEmpty())
        o->insert(QStringLiteral("id"), spec.id);
    if (!spec.after.isEmpty())
        o->insert(QStringLiteral("after"), QJsonArray::fromStringList(spec.after));
    if (!spec.afterSuccess.isEmpty())
        o->insert(QStringLiteral("after_success"), QJsonArray::fromStringList(spec.afterSuccess));
}

} // namespace procdeck::steeringjson
