#pragma once
// Helpers shared by the parallel measures (internal to lib/src/analysis).

#include "stakemap/analysis/run_control.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <string_view>

namespace stakemap::analysis::detail {

inline constexpr double infinity = std::numeric_limits<double>::infinity();

/// Relative tolerance for comparing path lengths: 1/3 + 1/3 + 1/3 and 1 are the same length.
inline constexpr double length_tolerance = 1e-10;

/// Whether two path lengths are equal up to the tolerance.
inline bool same_length(double a, double b) {
    return std::fabs(a - b) <= length_tolerance * std::max(std::fabs(a), std::fabs(b));
}

/// Runs `work(begin, end, block)` over `count` items cut into `blocks` contiguous blocks, on up to
/// `threads` threads (fewer when the system cannot start more). The cut depends only on `count`
/// and `blocks`, never on the thread count, so per-block partial results combined in block order
/// give the same bits for any number of threads.
///
/// Reports progress through `control` as blocks finish. When a stop is requested, no further
/// block starts and Interrupted is thrown; `work` may also call control.check() between items.
/// An exception thrown by `work` (std::bad_alloc, Interrupted…) never leaves its thread: the
/// other threads take no further block, every thread is joined, and the first exception is
/// rethrown on the calling thread.
void for_each_block(std::size_t count, std::size_t blocks, unsigned threads,
                    const RunControl& control,
                    const std::function<void(std::size_t, std::size_t, std::size_t)>& work,
                    std::string_view task = "computing");

} // namespace stakemap::analysis::detail
