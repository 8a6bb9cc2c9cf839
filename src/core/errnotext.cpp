#include "errnotext.h"

#include <cstring>

namespace procdeck {

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

} // namespace procdeck
