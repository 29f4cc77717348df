#include "stakemap/analysis/run_control.hpp"

namespace stakemap::analysis {

namespace {
RunControl& current() {
    static RunControl control;
    return control;
}
} // namespace

void set_run_control(RunControl control) {
    current() = std::move(control);
}

const RunControl& run_control() {
    return current();
}

} // namespace stakemap::analysis
