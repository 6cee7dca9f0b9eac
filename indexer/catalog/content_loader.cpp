#include "catalog/content_loader.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "catalog/validation.h"
#include "catalog/yaml_document.h"
#include "text/utf8.h"
#include "util/file_bytes.h"

namespace lc {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxEntryFileBytes = 1 << 20;  // one entry, with room to spare
constexpr std::size_t kMaxJsonLineBytes = 1 << 20;

bool is_yaml(const fs::path& p) {
    return p.extension() == ".yaml" || p.extension() == ".yml";
}
bool is_synonyms_file(const fs::path& p) {
    return is_yaml(p) && p.stem() == "synonyms";
}
bool is_loadable(const fs::path& p) {
    return is_yaml(p) || p.extension() == ".json" || p.extension() == ".jsonl";
}

class Loader {
  public:
    LoadResult result;

    void load(const fs::path& path) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            std::vector<fs::path> files;
            for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
                 it.increment(ec)) {
                if (it->path().filename().string().starts_with(".")) {
                    if (it->is_directory()) it.disable_recursion_pending();
                    continue;
                }
                if (it->is_regular_file() && is_loadable(it->path())) files.push_back(it->path());
            }
            if (ec) error(path.string(), 0, "", "cannot read folder: " + ec.message());
            std::sort(files.begin(), files.end());
            for (const auto& f : files) load_file(f);
        } else if (fs::is_regular_file(path, ec)) {
            if (!is_loadable(path))
                error(path.string(), 0, "", "not a content file (.yaml, .yml, .json or .jsonl)");
            else
                load_file(path);
        } else {
            error(path.string(), 0, "", "no such file or folder");
        }
    }

    void check_duplicates() {
        std::map<std::string, const SourcedEntry*> first;
        for (const auto& e : result.entries) {
            auto [it, inserted] = first.emplace(e.entry.slug, &e);
            if (!inserted)
                result.errors.push_back(e.origin + ": slug: duplicate slug '" + e.entry.slug +
                                        "' (first in " + it->second->origin + ")");
        }
    }

  private:
    void error(const std::string& file, int line, const std::string& field,
               const std::string& message) {
        std::string where = line > 0 ? file + ":" + std::to_string(line) : file;
        result.errors.push_back(where + ": " + (field.empty() ? "" : field + ": ") + message);
    }

    std::optional<std::string> read(const fs::path& path, std::uintmax_t max_bytes) {
        std::error_code ec;
        auto size = fs::file_size(path, ec);
        if (ec) {
            error(path.string(), 0, "", "cannot read: " + ec.message());
            return std::nullopt;
        }
        if (size > max_bytes) {
            error(path.string(), 0, "",
                  "file too large for one entry (" + std::to_string(size) + " bytes)");
            return std::nullopt;
        }
        std::optional<std::string> bytes = file_bytes(path);
        if (!bytes) error(path.string(), 0, "", "cannot read");
        return bytes;
    }

    void load_file(const fs::path& path) {
        ++result.files;
        if (path.extension() == ".jsonl") return load_jsonl(path);
        auto text = read(path, kMaxEntryFileBytes);
        if (!text) return;
        if (auto bad = utf8::find_invalid(*text)) {
            error(path.string(), line_at(*text, *bad), "",
                  "invalid UTF-8 at byte " + std::to_string(*bad));
            return;
        }
        if (is_yaml(path)) {
            YamlDocument doc;
            try {
                doc = parse_yaml_document(*text);
            } catch (const YamlError& e) {
                error(path.string(), e.line(), "", e.what());
                return;
            }
            if (is_synonyms_file(path)) return add_synonyms(path, doc);
            add_entry(
                path, doc.value, [&](const std::string& field) { return doc.line_of(field); },
                doc.line_of("slug"));
        } else {
            nlohmann::json value;
            try {
                value = nlohmann::json::parse(*text);
            } catch (const nlohmann::json::parse_error& e) {
                error(path.string(), line_at(*text, e.byte > 0 ? e.byte - 1 : 0), "",
                      json_message(e));
                return;
            }
            add_entry(
                path, value, [](const std::string&) { return 0; }, 0);
        }
    }

    void load_jsonl(const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        if (!in) return error(path.string(), 0, "", "cannot read");
        std::string line;
        for (int n = 1; std::getline(in, line); ++n) {
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            if (line.size() > kMaxJsonLineBytes) {
                error(path.string(), n, "", "line too long for one entry");
                continue;
            }
            if (auto bad = utf8::find_invalid(line)) {
                error(path.string(), n, "",
                      "invalid UTF-8 at byte " + std::to_string(*bad) + " of the line");
                continue;
            }
            nlohmann::json value;
            try {
                value = nlohmann::json::parse(line);
            } catch (const nlohmann::json::parse_error& e) {
                error(path.string(), n, "", json_message(e));
                continue;
            }
            add_entry(
                path, value, [n](const std::string&) { return n; }, n);
        }
    }

    template <typename LineOf>
    void add_entry(const fs::path& path, const nlohmann::json& value, LineOf line_of,
                   int entry_line) {
        auto parsed = parse_entry(value, is_yaml(path) ? PhotoShape::file : PhotoShape::stored);
        for (const auto& e : parsed.errors)
            error(path.string(), line_of(e.path), e.path, e.message);
        std::vector<PhotoFileRef> photo_files;
        for (std::size_t i = 0; i < parsed.photo_files.size(); ++i) {
            const std::string& file = parsed.photo_files[i];
            if (file.empty()) continue;  // the error is said
            const std::string field = "photos[" + std::to_string(i) + "].file";
            const std::string where = path.string() + ":" + std::to_string(line_of(field));
            std::string why;
            auto found = find_photo_file(path, file, why);
            if (!found) error(path.string(), line_of(field), field, "'" + file + "': " + why);
            photo_files.push_back({file, found.value_or(fs::path()), where + ": " + field});
        }
        if (!parsed.entry) return;
        const Entry& entry = *parsed.entry;
        // The layout is part of the contract: content/<kind>/<slug>.yaml.
        if (is_yaml(path)) {
            if (path.stem() != entry.slug)
                error(path.string(), line_of("slug"), "slug",
                      "'" + entry.slug + "' does not match the file name (expected " + entry.slug +
                          path.extension().string() + ")");
            std::string folder = path.parent_path().filename().string();
            std::string kind(to_string(entry.kind));
            if (folder != kind)
                error(path.string(), line_of("kind"), "kind",
                      "'" + kind + "' entry is in the " + folder + "/ folder (expected " + kind +
                          "/)");
        }
        std::string origin =
            entry_line > 0 ? path.string() + ":" + std::to_string(entry_line) : path.string();
        result.entries.push_back({entry, origin, std::move(photo_files)});
    }

    // The photo file `file` names, from the content folder of the entry file
    // `entry_file` (content/<kind>/<slug>.yaml), or why there is none.
    // parse_entry has refused absolute paths and "..": what is left to catch
    // is a file that is not there, or a symbolic link out of the folder.
    static std::optional<fs::path> find_photo_file(const fs::path& entry_file,
                                                   const std::string& file, std::string& why) {
        std::error_code ec;
        const fs::path folder = fs::absolute(entry_file, ec).parent_path().parent_path();
        const fs::path candidate = folder / file;
        if (!fs::exists(candidate, ec)) {
            why = "no such file (looked for " + candidate.string() + ")";
            return std::nullopt;
        }
        const fs::path real = fs::canonical(candidate, ec);
        const fs::path real_folder = ec ? fs::path() : fs::canonical(folder, ec);
        if (ec) {
            why = "cannot read: " + ec.message();
            return std::nullopt;
        }
        const fs::path inside = real.lexically_relative(real_folder);
        if (inside.empty() || *inside.begin() == "..") {
            why = "leads out of the content folder " + real_folder.string() + " (to " +
                  real.string() + ")";
            return std::nullopt;
        }
        if (!fs::is_regular_file(real, ec)) {
            why = "not a file";
            return std::nullopt;
        }
        return real;
    }

    void add_synonyms(const fs::path& path, const YamlDocument& doc) {
        auto parsed = parse_synonyms(doc.value);
        for (const auto& e : parsed.errors)
            error(path.string(), doc.line_of(e.path), e.path, e.message);
        if (result.synonyms) {
            error(path.string(), 1, "", "a second synonyms file; keep them in one");
            return;
        }
        if (parsed.errors.empty()) result.synonyms = std::move(parsed.groups);
    }

    static int line_at(const std::string& text, std::size_t offset) {
        offset = std::min(offset, text.size());
        return 1 + static_cast<int>(
                       std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
    }

    static std::string json_message(const nlohmann::json::parse_error& e) {
        // nlohmann's message starts with "[json.exception.parse_error.101] "; keep the words.
        std::string m = e.what();
        auto cut = m.find("] ");
        return "JSON syntax: " + (cut == std::string::npos ? m : m.substr(cut + 2));
    }
};

}  // namespace

LoadResult load_content(const std::vector<fs::path>& paths) {
    Loader loader;
    for (const auto& p : paths) loader.load(p);
    loader.check_duplicates();
    return std::move(loader.result);
}

}  // namespace lc
