#include "stakemap/io/diagnostics.hpp"
#include "stakemap/io/files.hpp"
#include "stakemap/io/vocabulary.hpp"
#include "stakemap/text/words.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <string>

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

TEST_CASE("files: a killed writer's leftover is removed by the next write of the same target") {
    const fs::path folder = fs::temp_directory_path() / "stakemap-leftover-test";
    fs::remove_all(folder);
    fs::create_directories(folder);
    // Process ids never exceed 2^22 on Linux (pid_max), so no process 4194305 is running.
    std::ofstream(folder / ".out.json.stakemap-4194305.tmp") << "finished but never renamed";
    std::ofstream(folder / ".other.json.stakemap-4194305.tmp") << "another target's";
    std::ofstream(folder / ".out.json.stakemap-1.tmp") << "a running process's (init)";
    io::write_file_atomically((folder / "out.json").string(), "new");
    CHECK_FALSE(fs::exists(folder / ".out.json.stakemap-4194305.tmp"));
    CHECK(fs::exists(folder / ".other.json.stakemap-4194305.tmp"));
    CHECK(fs::exists(folder / ".out.json.stakemap-1.tmp"));
    CHECK(io::read_file((folder / "out.json").string(), 100) == "new");
    fs::remove_all(folder);
}

TEST_CASE("diagnostics: nearest names suggest typos only") {
    CHECK(io::nearest_name("stast", {"validate", "stats"}) == "stats");
    CHECK(io::nearest_name("urp-municipo", {"urp-municipio", "caritas"}) == "urp-municipio");
    CHECK(io::nearest_name("agenzia-entrate", {"urp", "caritas"}).empty());
    CHECK(io::nearest_name("x", {}).empty());
}

TEST_CASE("diagnostics: did you mean, in the user's language") {
    const text::Words english(text::Language::en);
    const text::Words italian(text::Language::from_code("it"));
    CHECK(io::did_you_mean(english, "centor", {"centro", "flaminio"}) ==
          "; did you mean \"centro\"?");
    CHECK(io::did_you_mean(italian, "centor", {"centro", "flaminio"}) == "; forse «centro»?");
    CHECK(io::did_you_mean(italian, "zzz", {"centro"}).empty());
    CHECK(io::unknown_name(italian, "--remove: nessun attore", "comune-prat", {"comune-prato"}) ==
          "--remove: nessun attore «comune-prat» in questa mappa; forse «comune-prato»?");
    CHECK(io::unknown_name(english, "--remove: no actor", "x", {"comune-prato"}) ==
          "--remove: no actor \"x\" in this map");
    // The English form without Words is unchanged for the commands that still use it.
    CHECK(io::unknown_name("--area: no area", "centor", {"centro"}) ==
          "--area: no area \"centor\" in this map; did you mean \"centro\"?");
    CHECK(io::unknown_name("--service: no service", "housin", {"housing"}, " in the vocabulary") ==
          "--service: no service \"housin\" in the vocabulary; did you mean \"housing\"?");
}

TEST_CASE("files: messages in the user's language") {
    try {
        io::read_file("/no/such/folder/map.json", 100, text::Language::from_code("it"));
        FAIL("no FileError");
    } catch (const io::FileError& error) {
        CHECK(
            std::string(error.what()).rfind("impossibile leggere /no/such/folder/map.json: ", 0) ==
            0);
    }
    try {
        io::read_file(fs::temp_directory_path().string(), 100, text::Language::from_code("it"));
        FAIL("no FileError");
    } catch (const io::FileError& error) {
        CHECK(std::string(error.what()).find(": è una cartella, non un file") != std::string::npos);
    }
    try {
        io::write_file_atomically("/no/such/folder/out.json", "x", text::Language::from_code("it"));
        FAIL("no FileError");
    } catch (const io::FileError& error) {
        CHECK(
            std::string(error.what()).rfind("impossibile scrivere /no/such/folder/out.json: ", 0) ==
            0);
    }
}

TEST_CASE("vocabulary: names compared without case, accents, spaces, underscores or hyphens") {
    CHECK(io::normalized_name("Associazione di migranti") == "associazionedimigranti");
    CHECK(io::normalized_name("associazione_migranti") == "associazionemigranti");
    CHECK(io::normalized_name("Comunità") == "comunita");
    CHECK(io::normalized_name("CO-DESIGN") == "codesign");
    CHECK(io::normalized_name("Protocollo d'intesa") == "protocollodintesa");
    CHECK(io::normalized_name("ÀÉÎÕÜ Çç Ññ") == "aeiouccnn");
    CHECK(io::normalized_name("عربي") == "عربي"); // other scripts are kept
}

TEST_CASE("vocabulary: the term a value most likely means, by id or by label in either language") {
    const auto& vocabulary = io::default_vocabulary();
    // Labels, exactly up to case, accents and spaces: "Associazione di migranti" (it),
    // "Migrant association" (en), "Comunità" (it label of the community sector).
    CHECK(io::nearest_term("Associazione di migranti", vocabulary.kinds) == "migrant_association");
    CHECK(io::nearest_term("migrant association", vocabulary.kinds) == "migrant_association");
    CHECK(io::nearest_term("Comunità", vocabulary.sectors) == "community");
    CHECK(io::nearest_term("Comunale", vocabulary.levels) == "municipal");
    CHECK(io::nearest_term("Invio di utenti", vocabulary.relation_types) == "referral");
    CHECK(io::nearest_term("informale", vocabulary.formality) == "informal");
    CHECK(io::nearest_term("Mediazione culturale", vocabulary.services) == "cultural_mediation");
    // Italian-looking ids a few edits from a label: "associazionemigranti" is two letters ("di")
    // from "associazionedimigranti"; "corsiitaliano" is two from "corsidiitaliano".
    CHECK(io::nearest_term("associazione_migranti", vocabulary.kinds) == "migrant_association");
    CHECK(io::nearest_term("corsi_italiano", vocabulary.services) == "italian_courses");
    CHECK(io::nearest_term("collaborazione", vocabulary.relation_types) == "collaboration");
    // Typos of ids still work; far names give nothing.
    CHECK(io::nearest_term("referal", vocabulary.relation_types) == "referral");
    CHECK(io::nearest_term("help-desk", vocabulary.kinds) == "help_desk");
    CHECK(io::nearest_term("astronauta", vocabulary.kinds).empty());
    CHECK(io::nearest_term("", vocabulary.kinds).empty());
    CHECK(io::nearest_term("__", vocabulary.kinds).empty());
}
