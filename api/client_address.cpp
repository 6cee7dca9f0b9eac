#include "api/client_address.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <string_view>

#include "util/error.h"

namespace lc::api {

namespace {

using Bytes = std::array<std::uint8_t, 16>;

// An address in IPv6 form (IPv4 as ::ffff:a.b.c.d); nothing when it is not one.
std::optional<Bytes> parse_address(std::string_view text) {
    std::string s(text);
    Bytes b{};
    in_addr v4{};
    if (::inet_pton(AF_INET, s.c_str(), &v4) == 1) {
        b[10] = b[11] = 0xff;
        std::memcpy(&b[12], &v4, 4);
        return b;
    }
    in6_addr v6{};
    if (::inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
        std::memcpy(b.data(), &v6, 16);
        return b;
    }
    return std::nullopt;
}

bool is_v4_mapped(const Bytes& b) {
    for (int i = 0; i < 10; ++i)
        if (b[i] != 0) return false;
    return b[10] == 0xff && b[11] == 0xff;
}

bool same_prefix(const Bytes& a, const Bytes& b, int bits) {
    for (int i = 0; bits > 0; ++i, bits -= 8) {
        const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
        if ((a[i] & mask) != (b[i] & mask)) return false;
    }
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::string client_key(const std::string& address) {
    auto b = parse_address(address);
    if (!b) return address;
    if (is_v4_mapped(*b)) {
        char text[INET_ADDRSTRLEN] = {};
        ::inet_ntop(AF_INET, &(*b)[12], text, sizeof text);
        return text;
    }
    Bytes prefix{};
    std::memcpy(prefix.data(), b->data(), 8);
    char text[INET6_ADDRSTRLEN] = {};
    ::inet_ntop(AF_INET6, prefix.data(), text, sizeof text);
    return std::string(text) + "/64";
}

TrustedProxies::TrustedProxies(const std::vector<std::string>& cidrs) {
    for (const auto& cidr : cidrs) {
        std::string_view text = cidr;
        std::size_t slash = text.find('/');
        auto address = parse_address(text.substr(0, slash));
        if (!address) throw Error(cidr + ": not an IPv4 or IPv6 address");
        const bool v4 = text.substr(0, slash).find(':') == std::string_view::npos;
        Range r{*address, 128};
        if (slash != std::string_view::npos) {
            std::string_view digits = text.substr(slash + 1);
            int bits = -1;
            auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
            if (ec != std::errc() || end != digits.data() + digits.size() || bits < 0 ||
                bits > (v4 ? 32 : 128))
                throw Error(cidr + ": the prefix length must be 0-" + (v4 ? "32" : "128"));
            r.bits = v4 ? 96 + bits : bits;
        }
        ranges_.push_back(r);
    }
}

bool TrustedProxies::contains(const std::string& address) const {
    auto b = parse_address(address);
    if (!b) return false;
    for (const auto& r : ranges_)
        if (same_prefix(*b, r.bytes, r.bits)) return true;
    return false;
}

std::string TrustedProxies::client_of(const httplib::Request& req) const {
    if (!contains(req.remote_addr)) return req.remote_addr;
    // Every X-Forwarded-For line, in order, as one list.
    std::string list;
    const auto count = req.get_header_value_count("X-Forwarded-For");
    for (std::size_t i = 0; i < count; ++i)
        list += (list.empty() ? "" : ",") + req.get_header_value("X-Forwarded-For", i);
    // From the right: skip our proxies; the first other address is the
    // client. Something that is not an address ends the walk at the last hop
    // that vouched for it.
    std::string client = req.remote_addr;
    std::string_view rest = list;
    while (!rest.empty()) {
        std::size_t comma = rest.rfind(',');
        std::string_view item =
            trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
        if (!parse_address(item)) break;
        client = std::string(item);
        if (!contains(client)) break;
    }
    return client;
}

}  // namespace lc::api
