#include "errnotext.h"

#include <cerrno>
#include <cstring>

namespace procdeck {

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

bool isResourceShortage(int err)
{
    return err == EMFILE || err == ENFILE || err == EAGAIN || err == ENOMEM;
}

} // namespace procdeck
