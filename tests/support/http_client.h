// A small HTTP client for tests over real sockets (cpp-httplib's client).
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

namespace lc::test {

struct Reply {
    int status = 0;
    std::string body;
    httplib::Headers headers;
    nlohmann::json json() const { return nlohmann::json::parse(body); }
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
};

class Http {
  public:
    explicit Http(int port);
    Reply get(const std::string& path, const httplib::Headers& headers = {});
    Reply send(const std::string& method, const std::string& path, const std::string& body,
               const httplib::Headers& headers = {},
               const std::string& content_type = "application/json");

  private:
    int port_;
};

// Percent-encodes a query value.
std::string url_encode(const std::string& s);

}  // namespace lc::test
