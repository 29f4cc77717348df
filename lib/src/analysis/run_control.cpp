// RunControl is header-only; this file keeps its header compiled on its own.
#include "stakemap/analysis/run_control.hpp"
