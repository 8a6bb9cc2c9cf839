#pragma once

#include <cstddef>
#include <ctime>

/// Small helpers for code that runs where only async-signal-safe calls are allowed (the guardian,
/// a forked child): no allocation, no locks.
namespace procdeck::signalsafe {

/// Writes `value` (>= 0) in decimal to `out` (no terminating NUL); returns how many characters.
inline size_t formatNumber(char *out, long value)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = char('0' + value % 10);
        value /= 10;
    } while (value > 0);
    size_t at = 0;
    while (n > 0)
        out[at++] = digits[--n];
    return at;
}

/// Milliseconds of the monotonic clock.
inline long monotonicMs()
{
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return long(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

} // namespace procdeck::signalsafe
