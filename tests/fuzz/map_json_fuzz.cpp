// The map reader (what every command reads with `stakemap CMD MAP`): bad maps are refused with
// diagnostics, in English and Italian alike; good maps survive write_map_json and a second reading
// unchanged, and the canonical text is a fixed point.

#include "fuzz_support.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/io/map_writer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stakemap;
    const std::string_view text = fuzz::as_text(data, size);
    fuzz::expect_clean([&] {
        const io::ReadResult first = io::read_map_text(text, "fuzz.json");
        if (!first.ok()) {
            fuzz::check_diagnostics(first.diagnostics);
            // The language changes the words, never the verdict.
            const io::ReadResult italian =
                io::read_map_text(text, "fuzz.json", {.language = model::Language::it});
            if (italian.ok() || italian.error_count != first.error_count) {
                fuzz::defect("the Italian reading disagrees with the English one");
            }
            return;
        }
        const std::string written = io::write_map_json(*first.map);
        const io::ReadResult second = io::read_map_text(written, "written.json");
        if (!second.ok()) {
            fuzz::defect("the written map does not read back:\n" + written + "\n" +
                         io::to_string(second.diagnostics.front()));
        }
        if (!(*second.map == *first.map)) {
            fuzz::defect("the written map reads back different:\n" + written);
        }
        if (io::write_map_json(*second.map) != written) {
            fuzz::defect("writing the map read back gives other text:\n" + written);
        }
    });
    return 0;
}
