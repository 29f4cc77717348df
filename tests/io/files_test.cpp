#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/files.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>

using namespace stakemap;
namespace fs = std::filesystem;

TEST_CASE("files: atomic writes replace the file whole and leave nothing behind") {
    const fs::path folder = fs::temp_directory_path() / "stakemap-files-test";
    fs::remove_all(folder);
    fs::create_directories(folder);
    const std::string target = (folder / "out.json").string();
    io::write_file_atomically(target, "first");
    io::write_file_atomically(target, "second\n");
    CHECK(io::read_file(target, 100) == "second\n");
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder)) {
        ++entries;
    }
    CHECK(entries == 1);
    CHECK_THROWS_AS(io::write_file_atomically((folder / "missing" / "x.json").string(), "x"),
                    io::FileError);
    CHECK_THROWS_AS(io::read_file(folder.string(), 100), io::FileError);
    CHECK_THROWS_AS(io::read_file(target, 3), io::LoadError);
    fs::remove_all(folder);
}

TEST_CASE("diagnostics: nearest names suggest typos only") {
    CHECK(io::nearest_name("stast", {"validate", "stats"}) == "stats");
    CHECK(io::nearest_name("urp-municipo", {"urp-municipio", "caritas"}) == "urp-municipio");
    CHECK(io::nearest_name("agenzia-entrate", {"urp", "caritas"}).empty());
    CHECK(io::nearest_name("x", {}).empty());
}
