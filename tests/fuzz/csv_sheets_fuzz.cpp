// CSV sheets as `stakemap import --actors A.csv --relations R.csv` reads them. The input holds the
// two files separated by a form feed (a byte Excel never writes in a CSV file); without one it is
// the actors sheet alone. An imported map must be one the map reader accepts.

#include "fuzz_support.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/io/map_writer.hpp"
#include "stakemap/io/sheet.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stakemap;
    const std::string_view text = fuzz::as_text(data, size);
    const std::size_t split = text.find('\f');
    fuzz::expect_clean([&] {
        io::SheetSet sheets;
        sheets.actors = io::read_csv_sheet_text(text.substr(0, split), "actors.csv");
        if (split == std::string_view::npos) {
            return;
        }
        sheets.relations = io::read_csv_sheet_text(text.substr(split + 1), "relations.csv");
        const io::ImportResult imported = io::import_sheets(sheets, model::Language::it);
        if (!imported.ok()) {
            fuzz::check_diagnostics(imported.diagnostics);
            return;
        }
        const std::string written = io::write_map_json(*imported.map);
        const io::ReadResult again = io::read_map_text(written, "imported.json");
        if (!again.ok()) {
            fuzz::defect("the imported map does not read back:\n" + written + "\n" +
                         io::to_string(again.diagnostics.front()));
        }
    });
    return 0;
}
