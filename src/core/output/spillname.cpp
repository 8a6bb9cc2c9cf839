#include "spillname.h"

#include <QDir>

namespace procdeck {

QString SpillName::path() const
{
    if (m_place.isEmpty() || !m_stream)
        return m_place;
    return QDir(m_place).filePath(QStringLiteral("job-%1.%2")
                                          .arg(m_seq, 6, 10, QLatin1Char('0'))
                                          .arg(QLatin1String(m_stream)));
}

} // namespace procdeck
