#pragma once

#include <QString>

namespace procdeck {

/// A key of a CBOR map from its literal name: the engine's protocol and the worker's frames
/// name their fields in ASCII.
inline QString cborKey(const char *name)
{
    return QString::fromLatin1(name);
}

} // namespace procdeck
