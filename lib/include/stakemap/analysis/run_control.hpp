#pragma once
// Progress reports and stop requests for long computations. Process-wide: the command-line tool
// sets them once (progress on a terminal, Ctrl-C); a library user who sets nothing gets neither.

#include "stakemap/error.hpp"
#include <atomic>
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string_view>

namespace stakemap::analysis {

/// Thrown by a long computation that stopped because a stop was requested.
class Interrupted : public Error {
public:
    Interrupted() : Error(ErrorCode::interrupted, "interrupted") {}
};

struct RunControl {
    /// Called from worker threads (one at a time) as parts of a task finish.
    std::function<void(std::string_view task, std::size_t done, std::size_t total)> progress;
    /// When it becomes true, parallel loops stop taking work and throw Interrupted.
    const std::atomic<bool>* stop = nullptr;
};

/// Installs the hooks every long computation uses from now on.
void set_run_control(RunControl control);
/// The hooks in force.
const RunControl& run_control();

} // namespace stakemap::analysis
