// Workbooks (.xlsx and .ods) as `stakemap import WORKBOOK -o MAP` reads them: a zip archive of XML
// parts, so zip bombs, paths outside the archive, DTDs and broken XML must all end in LoadError.

#include "fuzz_support.hpp"
#include "stakemap/io/map_reader.hpp"
#include "stakemap/io/map_writer.hpp"
#include "stakemap/io/sheet.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stakemap;
    fuzz::expect_clean([&] {
        const io::SheetSet sheets = io::read_workbook_bytes(fuzz::as_text(data, size), "fuzz.xlsx");
        const io::ImportResult imported = io::import_sheets(sheets, model::Language::it);
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
