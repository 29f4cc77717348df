// GraphML, GEXF and node-link JSON as `stakemap import FILE -o MAP` reads them. The format is the
// one the content looks like, so that one corpus covers the three readers and mutations can cross
// from one to another; DTDs and entities must be refused.

#include "fuzz_support.hpp"
#include "stakemap/io/graph_import.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/io/map_writer.hpp"

namespace {

stakemap::io::GraphFormat format_of(std::string_view text) {
    using stakemap::io::GraphFormat;
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && (text[first] == '{' || text[first] == '[')) {
        return GraphFormat::node_link;
    }
    return text.find("<gexf") != std::string_view::npos ? GraphFormat::gexf : GraphFormat::graphml;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stakemap;
    const std::string_view text = fuzz::as_text(data, size);
    fuzz::expect_clean([&] {
        const io::ImportResult imported =
            io::import_graph_text(text, "fuzz.graph", format_of(text), {});
        if (!imported.ok()) {
            fuzz::check_diagnostics(imported.diagnostics);
            return;
        }
        const std::string written = io::write_map_json(*imported.map);
        if (!io::read_map_text(written, "imported.json").ok()) {
            fuzz::defect("the imported map does not read back:\n" + written);
        }
    });
    return 0;
}
