// The target that the suites precompiled headers are built for (tests/CMakeLists.txt).
