// Who a request comes from, for the sign-in limiter, the connection cap and
// the logs. Behind a reverse proxy every connection comes from the proxy; the
// client's own address is then the right-most address in X-Forwarded-For that
// is not a trusted proxy (each proxy appends the address it received from),
// and only a connection from a trusted proxy may say so: anyone else could
// write any X-Forwarded-For.
#pragma once

#include <httplib.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lc::api {

// The key clients are counted by: an IPv4 address as it is; an IPv6 address
// by its /64 (one host or home network gets a /64, so counting single
// addresses would let it pass as 2^64 clients); an IPv4-mapped IPv6 address
// as the IPv4 one. Anything else unchanged.
std::string client_key(const std::string& address);

class TrustedProxies {
  public:
    TrustedProxies() = default;
    // Each "ADDR" or "ADDR/BITS", IPv4 or IPv6. Throws lc::Error naming
    // the one that is not.
    explicit TrustedProxies(const std::vector<std::string>& cidrs);

    bool empty() const { return ranges_.empty(); }
    bool contains(const std::string& address) const;

    // The client's address: the connection's peer, unless that is a trusted
    // proxy and X-Forwarded-For names an address before it.
    std::string client_of(const httplib::Request& req) const;

  private:
    struct Range {
        std::array<std::uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
        int bits = 128;
    };
    std::vector<Range> ranges_;
};

}  // namespace lc::api
