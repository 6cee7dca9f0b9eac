#include "catalog/yaml_document.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <regex>
#include <sstream>

namespace lc {

namespace {

using nlohmann::json;

// Aliases let a few lines of YAML expand into millions of nodes; an entry is
// never that large, so conversion stops well before.
constexpr std::size_t kMaxNodes = 100'000;
constexpr int kMaxDepth = 32;

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

json plain_scalar(const std::string& s) {
    static const std::regex integer(R"([-+]?[0-9]+)");
    static const std::regex real(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
    if (s.size() < 19 && std::regex_match(s, integer)) return std::stoll(s);
    if (s.size() < 40 && std::regex_match(s, real)) return std::stod(s);
    return s;
}

// Counts the documents of a stream without building them. yaml-cpp 0.7's
// LoadAll never returns when a token cannot start a node after a document
// ("- a\n," or "[a],"): the parser reports the same empty document forever
// without consuming the token, and LoadAll collects them until memory runs
// out (jbeder/yaml-cpp#1040, fixed upstream after 0.8.0). A document that
// starts where the previous one did is that loop; it is a syntax error.
class DocumentCounter : public YAML::EventHandler {
  public:
    std::size_t documents = 0;
    YAML::Mark start;

    void OnDocumentStart(const YAML::Mark& mark) override {
        if (documents > 0 && mark.pos == start.pos)
            throw YamlError(mark.line + 1, "YAML syntax: unexpected text after the document");
        ++documents;
        start = mark;
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

class Converter {
  public:
    explicit Converter(YamlDocument& doc) : doc_(doc) {}

    json convert(const YAML::Node& node, const std::string& path, int depth) {
        if (++nodes_ > kMaxNodes) throw YamlError(line(node), "document too large");
        if (depth > kMaxDepth) throw YamlError(line(node), "nested too deeply");
        if (!path.empty()) doc_.lines.emplace(path, line(node));
        switch (node.Type()) {
            case YAML::NodeType::Undefined:
            case YAML::NodeType::Null:
                return nullptr;
            case YAML::NodeType::Scalar: {
                const std::string& tag = node.Tag();
                const std::string& s = node.Scalar();
                if (tag == "!" || ends_with(tag, ":str")) return s;
                return plain_scalar(s);
            }
            case YAML::NodeType::Sequence: {
                json out = json::array();
                std::size_t i = 0;
                for (const auto& item : node)
                    out.push_back(convert(item, path + "[" + std::to_string(i++) + "]", depth + 1));
                return out;
            }
            case YAML::NodeType::Map: {
                json out = json::object();
                for (const auto& kv : node) {
                    if (!kv.first.IsScalar())
                        throw YamlError(line(kv.first), "a key must be a plain word");
                    const std::string& key = kv.first.Scalar();
                    if (out.contains(key))
                        throw YamlError(line(kv.first), "duplicate key '" + key + "'");
                    std::string child = path.empty() ? key : path + "." + key;
                    doc_.lines.emplace(child, line(kv.first));
                    out[key] = convert(kv.second, child, depth + 1);
                }
                return out;
            }
        }
        return nullptr;
    }

  private:
    static int line(const YAML::Node& node) { return node.Mark().line + 1; }

    YamlDocument& doc_;
    std::size_t nodes_ = 0;
};

}  // namespace

int YamlDocument::line_of(const std::string& path) const {
    std::string p = path;
    while (!p.empty()) {
        if (auto it = lines.find(p); it != lines.end()) return it->second;
        auto cut = p.find_last_of(".[");
        if (cut == std::string::npos) break;
        p.resize(cut);
    }
    if (auto it = lines.find(p); it != lines.end()) return it->second;
    return 1;
}

YamlDocument parse_yaml_document(std::string_view text) {
    YamlDocument doc;
    const std::string input(text);
    YAML::Node root;
    try {
        // Count first (see DocumentCounter), then build the one document.
        std::istringstream stream(input);
        YAML::Parser parser(stream);
        DocumentCounter counter;
        while (parser.HandleNextDocument(counter)) {
        }
        if (counter.documents != 1)
            throw YamlError(1, "expected exactly one YAML document, found " +
                                   std::to_string(counter.documents));
        root = YAML::Load(input);
    } catch (const YAML::Exception& e) {
        throw YamlError(e.mark.line + 1, "YAML syntax: " + e.msg);
    }
    try {
        doc.value = Converter(doc).convert(root, "", 0);
    } catch (const YAML::Exception& e) {
        throw YamlError(e.mark.line + 1, "YAML: " + e.msg);
    }
    return doc;
}

bool plain_scalar_is_string(const std::string& text) {
    return plain_scalar(text).is_string();
}

}  // namespace lc
