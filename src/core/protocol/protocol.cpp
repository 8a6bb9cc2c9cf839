#include "protocol.h"

#include <QtEndian>

namespace procdeck::protocol {

QByteArray encode(const QCborMap &message)
{
    const QByteArray payload = message.toCborValue().toCbor();
    QByteArray frame(4, Qt::Uninitialized);
    qToBigEndian<quint32>(quint32(payload.size()), frame.data());
    frame += payload;
    return frame;
}

QCborMap message(const QString &type, const QCborMap &fields)
{
    QCborMap m = fields;
    m.insert(QStringLiteral("type"), type);
    return m;
}

QCborMap error(const QString &reason)
{
    return message(type::error, QCborMap{{QStringLiteral("reason"), reason}});
}

QCborArray numberArray(const QList<int> &numbers)
{
    QCborArray out;
    for (int n : numbers)
        out << n;
    return out;
}

QString typeOf(const QCborMap &message)
{
    const QCborValue t = message.value(QStringLiteral("type"));
    return t.isString() ? t.toString() : QString();
}

} // namespace procdeck::protocol
