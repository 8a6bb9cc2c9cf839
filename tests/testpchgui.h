#pragma once

// Precompiled once for the window's suites (tests/CMakeLists.txt): they see QT_GUI_LIB and
// QT_WIDGETS_LIB, which QtTest's headers read, so they cannot share the core suites' header.

#include "testpch.h"

#include <QtWidgets>
