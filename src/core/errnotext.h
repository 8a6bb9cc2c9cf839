#pragma once

#include <QString>

namespace procdeck {

/// strerror(err) as a QString, in the person's locale ("No space left on device").
QString errnoText(int err);

} // namespace procdeck
