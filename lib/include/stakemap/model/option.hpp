#pragma once
// An organisational option (format "stakemap-option/1", docs/assessment.md): a small patch to a
// map — actors to add or remove, relations to add or remove — with a title. `compare` applies
// each option to the same map and sets the results side by side. io/option_reader reads the file
// and applies it; this is what stays known of the patch afterwards.

#include <cstddef>
#include <string>
#include <vector>

namespace stakemap::model {

struct MapOption {
    std::string id;                          ///< the file's "id", or its file stem
    std::string title;                       ///< what the workgroup calls the option
    std::string description;                 ///< may be empty
    std::string file;                        ///< the option file, as given
    std::vector<std::string> actors_added;   ///< ids, in the file's order
    std::vector<std::string> actors_removed; ///< ids, in the file's order
    std::size_t relations_added = 0;
    /// Relations named in "remove", plus those of the removed actors.
    std::size_t relations_removed = 0;
};

} // namespace stakemap::model
