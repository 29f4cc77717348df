#pragma once
// What every harness shares: the input as text, and the line between an expected refusal and a
// defect. Bad input must end in one of the library's own errors with the exit code of bad input
// (SPEC §7); anything else stops the run, so that libFuzzer keeps the input as a crash.

#include "stakemap/error.hpp"
#include "stakemap/io/diagnostics.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace stakemap::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

[[noreturn]] inline void defect(const std::string& what) {
    std::fprintf(stderr, "stakemap fuzz: %s\n", what.c_str());
    std::abort();
}

/// A refusal must say where and why: at least one error, each with a code and a message, and
/// to_string (what the command-line tool prints) must not fail on it.
inline void check_diagnostics(const std::vector<io::Diagnostic>& diagnostics) {
    bool any_error = false;
    for (const auto& diagnostic : diagnostics) {
        if (diagnostic.code.empty() || diagnostic.message.empty()) {
            defect("a diagnostic without code or message: " + io::to_string(diagnostic));
        }
        any_error = any_error || diagnostic.severity == io::Severity::error;
        (void)io::to_string(diagnostic);
    }
    if (!any_error) {
        defect("input refused without an error diagnostic");
    }
}

/// Runs one loading step. LoadError is the answer to bad input; `also_expected` lists the other
/// error codes this surface may answer with (a view the map cannot give…).
template <class Step>
void expect_clean(Step&& step, std::initializer_list<ErrorCode> also_expected = {}) {
    try {
        step();
    } catch (const io::LoadError& error) {
        check_diagnostics(error.diagnostics());
    } catch (const Error& error) {
        for (ErrorCode code : also_expected) {
            if (error.code() == code) {
                return;
            }
        }
        defect("unexpected " + std::string(error_code_name(error.code())) +
               " error: " + error.what());
    } catch (const std::exception& error) {
        defect(std::string("exception outside the library's errors: ") + error.what());
    }
}

} // namespace stakemap::fuzz
