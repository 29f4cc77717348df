// The small JSON files that steer an analysis: expected-tie rules (`gaps --rules`), rubrics
// (`assess --rubric`) and organisational options (`compare --option`, applied to Municipio II's
// map, which the option examples name). The reader is the one the "format" member names, so
// mutations of one kind's seeds stay with that reader.

#include "fuzz_support.hpp"
#include "stakemap/analysis/assess.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/io/map_writer.hpp"
#include "stakemap/io/option_reader.hpp"
#include "stakemap/io/rubric_reader.hpp"
#include "stakemap/io/rules_reader.hpp"

#include <optional>

namespace {

const stakemap::model::Map& base_map() {
    static const stakemap::model::Map map =
        stakemap::io::load_map(STAKEMAP_SOURCE_DIR "/examples/roma-municipio-ii/map.json");
    return map;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)base_map();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stakemap;
    const std::string_view text = fuzz::as_text(data, size);
    fuzz::expect_clean([&] {
        if (text.find("stakemap-rubric") != std::string_view::npos) {
            static const std::vector<std::string> measures = analysis::assessment_measure_ids();
            (void)io::read_rubric_text(text, "rubric.json", measures);
        } else if (text.find("stakemap-option") != std::string_view::npos) {
            const io::AppliedOption applied =
                io::apply_option_text(base_map(), text, "option.json");
            const std::string written = io::write_map_json(applied.map);
            if (!io::read_map_text(written, "applied.json").ok()) {
                fuzz::defect("the map with the option applied does not read back:\n" + written);
            }
        } else {
            (void)io::read_rules_text(text, "rules.json");
        }
    });
    return 0;
}
