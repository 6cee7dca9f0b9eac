#include "support/http_client.h"

#include <stdexcept>

namespace lc::test {

namespace {
Reply from(const httplib::Result& r, const std::string& what) {
    if (!r)
        throw std::runtime_error(what + ": no response (" + httplib::to_string(r.error()) + ")");
    return Reply{r->status, r->body, r->headers};
}
}  // namespace

Http::Http(int port) : port_(port) {}

Reply Http::get(const std::string& path, const httplib::Headers& headers) {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    return from(c.Get(path.c_str(), headers), "GET " + path);
}

Reply Http::send(const std::string& method, const std::string& path, const std::string& body,
                 const httplib::Headers& headers, const std::string& content_type) {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    if (method == "POST")
        return from(c.Post(path.c_str(), headers, body, content_type.c_str()), method + " " + path);
    if (method == "PUT")
        return from(c.Put(path.c_str(), headers, body, content_type.c_str()), method + " " + path);
    if (method == "PATCH")
        return from(c.Patch(path.c_str(), headers, body, content_type.c_str()),
                    method + " " + path);
    if (method == "DELETE")
        return from(c.Delete(path.c_str(), headers, body, content_type.c_str()),
                    method + " " + path);
    if (method == "OPTIONS") return from(c.Options(path.c_str(), headers), method + " " + path);
    throw std::runtime_error("unsupported method " + method);
}

std::string url_encode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

}  // namespace lc::test
