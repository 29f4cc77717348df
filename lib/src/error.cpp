#include "stakemap/error.hpp"

namespace stakemap {

std::string_view error_code_name(ErrorCode code) {
    switch (code) {
    case ErrorCode::usage:
        return "usage";
    case ErrorCode::what_if:
        return "what_if";
    case ErrorCode::selector:
        return "selector";
    case ErrorCode::view:
        return "view";
    case ErrorCode::invalid_map:
        return "invalid_map";
    case ErrorCode::file:
        return "file";
    case ErrorCode::render:
        return "render";
    case ErrorCode::interrupted:
        return "interrupted";
    case ErrorCode::out_of_memory:
        return "out_of_memory";
    case ErrorCode::internal:
        return "internal";
    }
    return "internal";
}

ExitCode exit_code_for(ErrorCode code) {
    switch (code) {
    case ErrorCode::usage:
    case ErrorCode::what_if:
    case ErrorCode::selector:
    case ErrorCode::view:
        return ExitCode::usage;
    case ErrorCode::invalid_map:
        return ExitCode::bad_input;
    case ErrorCode::file:
        return ExitCode::file;
    case ErrorCode::interrupted:
        return ExitCode::interrupted;
    case ErrorCode::render:
    case ErrorCode::out_of_memory:
    case ErrorCode::internal:
        return ExitCode::internal;
    }
    return ExitCode::internal;
}

} // namespace stakemap
