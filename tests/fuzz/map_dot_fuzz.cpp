// From a small valid map to a drawing, as `stakemap render MAP -o map.dot` and `-o map.svg` make
// it: the DOT text for every input map, a Graphviz layout only for maps of at most 30 actors, so
// that each run stays in milliseconds. How the map is drawn (clusters, highlights, labels) is
// chosen from the input's size, so the same input always takes the same path.

#include "fuzz_support.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/render/map_view.hpp"

namespace {

constexpr std::size_t largest_laid_out = 30;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stakemap;
    const io::ReadResult read = io::read_map_text(fuzz::as_text(data, size), "fuzz.json");
    if (!read.ok() || read.map->actors.size() > 200) {
        return 0;
    }
    const model::Map& map = *read.map;
    render::ViewOptions options;
    constexpr render::Cluster clusters[] = {render::Cluster::none, render::Cluster::area,
                                            render::Cluster::sector};
    options.cluster = clusters[size % 3];
    options.highlight = (size / 3) % 2 == 0 ? render::Highlight::none : render::Highlight::gaps;
    options.label = (size / 6) % 2 == 0 ? render::LabelMode::name : render::LabelMode::short_name;
    options.language = (size / 12) % 2 == 0 ? model::Language::en : model::Language::it;
    fuzz::expect_clean(
        [&] {
            const render::Drawing dot = render::draw_map(map, options, render::OutputFormat::dot);
            if (dot.bytes.empty()) {
                fuzz::defect("an empty DOT drawing");
            }
            if (map.actors.size() <= largest_laid_out) {
                (void)render::draw_map(map, options, render::OutputFormat::svg);
            }
        },
        {ErrorCode::view, ErrorCode::usage});
    return 0;
}
