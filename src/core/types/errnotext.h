#pragma once

#include <QString>

namespace procdeck {

/// strerror(err) as a QString, in the person's locale ("No space left on device").
QString errnoText(int err);

/// True for the errno values that mean "not now" rather than "never": out of descriptors
/// (EMFILE, ENFILE), processes (EAGAIN) or memory (ENOMEM).
bool isResourceShortage(int err);

} // namespace procdeck
