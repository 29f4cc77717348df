// stakemap diff OLD NEW, stakemap diff MAP --at D1 --at D2: what changed between two rounds.

#include "../command.hpp"
#include "stakemap/model/date.hpp"
#include "stakemap/report/diff_report.hpp"

namespace stakemap::cli {

namespace {

class DiffCommand : public Command {
public:
    std::string name() const override { return "diff"; }
    std::string synopsis() const override {
        return text::N_(
            "Compare two rounds of a map, from two map files or from one map at two dates "
            "(--at twice). Actors and relations added, removed and changed (relations also by "
            "type), how stable the ties are (Jaccard index with RSiena's reading, Hamming "
            "distance), density and centralization before and after, the actors whose "
            "betweenness and number of partners moved most, gaps closed and opened, and each "
            "area's "
            "coverage score before and after.");
    }
    std::string usage() const override {
        return "stakemap diff OLD NEW [options] | stakemap diff MAP --at DATE --at DATE [options]";
    }
    std::string example() const override {
        return "stakemap diff examples/prato/map.json examples/prato/map-2026.json --format table "
               "--lang it";
    }

    int run() override {
        std::unique_ptr<report::Input> before;
        std::unique_ptr<report::Input> after;
        const bool note_map_dates = dates_.empty();
        if (second_map().empty()) {
            model::Map map = load_map(common_.map_path, false);
            model::Map copy = map;
            before = open_round(std::move(map), common_.map_path, dates_[0]);
            after = open_round(std::move(copy), common_.map_path, dates_[1]);
        } else {
            model::Map old_map = load_map(common_.map_path, note_map_dates);
            model::Map new_map = load_map(second_map(), note_map_dates);
            before = open_round(std::move(old_map), common_.map_path,
                                dates_.empty() ? "" : dates_.front());
            after =
                open_round(std::move(new_map), second_map(), dates_.empty() ? "" : dates_.back());
        }
        return publish(report::diff_document(*before, *after, settings_));
    }

protected:
    std::string extra_argument() const override { return "NEW"; }
    bool extra_argument_required() const override { return false; }

    void add_at_option(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        const text::Words& words = words_;
        options.add_options()(
            "at", po::value(&dates_)->composing(),
            words("the date of the rounds (YYYY-MM-DD) or all: once for both maps, twice for OLD "
                  "and NEW, or twice with one map to compare it at two dates (default: each "
                  "map's own date)")
                .c_str());
    }

    void add_options(boost::program_options::options_description& options) override {
        namespace po = boost::program_options;
        const text::Words& words = words_;
        options.add_options()(
            "top", po::value(&settings_.top)->default_value(5),
            words("actors listed for each measure whose value moved most").c_str());
    }

    void check_options() override {
        const text::Words& words = words_;
        if (dates_.size() > 2) {
            throw UsageError(words("given {n} times; give it once (the date of both rounds) or "
                                   "twice (the date of each round)",
                                   {{"n", words.integer(static_cast<long long>(dates_.size()))}}),
                             "at");
        }
        for (const auto& date : dates_) {
            if (date != "all" && !model::parse_date(date)) {
                throw UsageError(
                    words("--at must be a date written YYYY-MM-DD, or all, not \"{value}\"",
                          {{"value", date}}));
            }
        }
        if (second_map().empty()) {
            if (dates_.size() != 2) {
                throw UsageError(words("one map is compared at two dates: give --at DATE twice, "
                                       "or give two maps (OLD NEW)"));
            }
            if (dates_[0] == "all" || dates_[1] == "all") {
                throw UsageError(words("one map is compared at two dates: give --at two dates "
                                       "(YYYY-MM-DD), not all"));
            }
            if (dates_[0] == dates_[1]) {
                throw UsageError(words("the two dates are the same ({date}): there is nothing "
                                       "to compare",
                                       {{"date", dates_[0]}}));
            }
        } else if (common_.map_path == "-" && second_map() == "-") {
            throw UsageError(words("only one of OLD and NEW can be - (standard input)"));
        }
    }

private:
    std::vector<std::string> dates_;
    report::DiffSettings settings_;

    const std::string& second_map() const { return extra_; }

    std::unique_ptr<report::Input> open_round(model::Map map, const std::string& source,
                                              const std::string& at) const {
        report::AnalysisSettings settings = analysis_settings();
        settings.source = source;
        settings.at = at;
        return std::make_unique<report::Input>(std::move(map), std::move(settings));
    }
};

} // namespace

std::unique_ptr<Command> make_diff_command() {
    return std::make_unique<DiffCommand>();
}

} // namespace stakemap::cli
