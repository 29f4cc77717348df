#pragma once
// The HTML report's style and script, compiled into the library from data/report/
// (cmake/embed_files.cmake).

namespace stakemap::report::detail {

extern const char* const report_css;
extern const char* const report_js;

} // namespace stakemap::report::detail
