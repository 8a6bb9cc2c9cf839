#pragma once

// Precompiled once for the core suites (tests/CMakeLists.txt): a suite is one file, and parsing
// Qt's headers was most of its compile time.

#include <QtTest>

#include <algorithm>
#include <csignal>
#include <functional>
#include <memory>
#include <vector>
