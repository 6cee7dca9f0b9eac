#include "catalog/synonyms_yaml.h"

#include <yaml-cpp/yaml.h>

namespace lc {

std::string synonyms_to_yaml(const SynonymSet& set) {
    YAML::Emitter out;
    out << YAML::Comment("Search synonyms, written by `lc-indexer export --synonyms` (revision " +
                         std::to_string(set.revision) + ").");
    out << YAML::Newline;
    out << YAML::BeginMap << YAML::Key << "groups" << YAML::Value << YAML::BeginSeq;
    for (const auto& g : set.groups) {
        // A comment line per line of the note: a newline in it cannot end
        // the comment and start YAML.
        std::size_t from = 0;
        while (from <= g.note.size() && !g.note.empty()) {
            std::size_t nl = g.note.find('\n', from);
            out << YAML::Comment(g.note.substr(from, nl == std::string::npos ? nl : nl - from));
            if (nl == std::string::npos) break;
            from = nl + 1;
        }
        out << YAML::Flow << g.terms;
    }
    out << YAML::EndSeq << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

}  // namespace lc
