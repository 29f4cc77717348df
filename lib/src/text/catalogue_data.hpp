#pragma once
// The compiled message catalogues (po/CODE.po → .mo), embedded by cmake/embed_catalogues.cmake.

#include <cstddef>

namespace stakemap::text::detail {

struct EmbeddedCatalogue {
    const char* code;          ///< language code, the .po file's name
    const unsigned char* data; ///< the .mo file
    std::size_t size;
};

extern const EmbeddedCatalogue embedded_catalogues[];
extern const std::size_t embedded_catalogue_count;

} // namespace stakemap::text::detail
