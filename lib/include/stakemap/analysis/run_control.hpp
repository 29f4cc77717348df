#pragma once
// Progress reports, stop requests and warnings for long computations, as igraph's progress,
// interruption and warning handlers, but passed in each computation's options rather than set for
// the whole process: a library user who sets nothing gets no progress, no stop and no warnings;
// the command-line tool passes progress on a terminal, Ctrl-C and warnings on stderr.

#include "stakemap/error.hpp"

#include <atomic>
#include <cstddef>
#include <functional>
#include <string_view>

namespace stakemap::analysis {

/// Thrown by a long computation that stopped because a stop was requested.
class Interrupted : public Error {
public:
    Interrupted() : Error(ErrorCode::interrupted, "interrupted") {}
};

/// How an iterative computation (eigenvector, PageRank) ended.
struct Convergence {
    std::size_t iterations = 0; ///< iterations run
    std::size_t limit = 0;      ///< the most it may run
    bool converged = true;      ///< whether the change fell below the tolerance within the limit
    double change = 0.0;        ///< the change made by the last iteration
    double tolerance = 0.0;     ///< the change below which it stops
};

/// The hooks of one computation. Copied into the options of each long computation; every member
/// may be left empty.
struct RunControl {
    /// Called from worker threads (one at a time) as parts of a task finish.
    std::function<void(std::string_view task, std::size_t done, std::size_t total)> progress;
    /// When it becomes true, long loops stop at their next check and throw Interrupted.
    const std::atomic<bool>* stop = nullptr;
    /// Called when an iterative measure ("eigenvector", "pagerank") reaches its iteration limit
    /// before converging; the values it returns are then the last iterate.
    std::function<void(std::string_view measure, const Convergence& convergence)> not_converged;

    /// Whether a stop was requested. One relaxed atomic load: cheap enough for any outer loop.
    bool stop_requested() const { return stop != nullptr && stop->load(std::memory_order_relaxed); }
    /// Throws Interrupted when a stop was requested.
    void check() const {
        if (stop_requested()) {
            throw Interrupted();
        }
    }
};

} // namespace stakemap::analysis
