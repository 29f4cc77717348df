// Does what `stakemap centrality MAP --top 3 --lang it --format md` does, through the library: one
// document, written by the Markdown writer. Any other command is the same three steps with its
// own *_document() function.

#include <stakemap/error.hpp>
#include <stakemap/io/diagnostics.hpp>
#include <stakemap/io/map_reader.hpp>
#include <stakemap/report/centrality_report.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: key_actors MAP\n";
        return 2;
    }
    try {
        // The analysis settings of SPEC §4 (types, date, distance, what-if…); the defaults
        // analyse the relations in force on the map's own date.
        stakemap::report::AnalysisSettings settings;
        settings.source = argv[1];
        settings.language = stakemap::model::Language::it;
        const stakemap::report::Input input(stakemap::io::load_map(argv[1]), settings);

        stakemap::report::CentralitySettings centrality;
        centrality.measures = {stakemap::analysis::Measure::degree,
                               stakemap::analysis::Measure::betweenness};
        centrality.top = 3;
        const auto document = stakemap::report::centrality_document(input, centrality);
        std::cout << stakemap::report::write_markdown(document);
        return 0;
    } catch (const stakemap::io::LoadError& error) {
        for (const auto& diagnostic : error.diagnostics()) {
            std::cerr << stakemap::io::to_string(diagnostic) << '\n';
        }
        return 3;
    } catch (const stakemap::Error& error) {
        std::cerr << error.what() << '\n';
        return static_cast<int>(error.exit_code());
    }
}
