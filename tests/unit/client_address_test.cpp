// Who a request comes from (api/client_address.h) and the sign-in limiter's
// memory (api/auth.h): the right-most untrusted X-Forwarded-For address, only
// from trusted proxies; IPv6 by /64; a hard cap on remembered clients.
#include <catch2/catch.hpp>

#include <string>

#include "api/auth.h"
#include "api/client_address.h"
#include "util/error.h"

using lc::api::client_key;
using lc::api::FailedAuthLimiter;
using lc::api::TrustedProxies;

namespace {

httplib::Request from(const std::string& peer, const std::string& forwarded = "") {
    httplib::Request req;
    req.remote_addr = peer;
    if (!forwarded.empty()) req.headers.emplace("X-Forwarded-For", forwarded);
    return req;
}

}  // namespace

TEST_CASE("client keys: IPv4 as is, IPv6 by /64, IPv4-mapped as IPv4", "[api][unit]") {
    CHECK(client_key("203.0.113.7") == "203.0.113.7");
    CHECK(client_key("2001:db8:1:2:3:4:5:6") == "2001:db8:1:2::/64");
    CHECK(client_key("2001:db8:1:2::9") == client_key("2001:db8:1:2:ffff::1"));
    CHECK(client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1"));
    CHECK(client_key("::ffff:198.51.100.4") == "198.51.100.4");
}

TEST_CASE("trusted proxies: CIDR ranges, IPv4 and IPv6, bad ones refused", "[api][unit]") {
    TrustedProxies proxies({"127.0.0.1", "10.0.0.0/8", "fd00::/8"});
    CHECK(proxies.contains("127.0.0.1"));
    CHECK(!proxies.contains("127.0.0.2"));
    CHECK(proxies.contains("10.200.3.4"));
    CHECK(proxies.contains("fd12::1"));
    CHECK(!proxies.contains("fe80::1"));
    CHECK(proxies.contains("::ffff:10.1.1.1"));
    CHECK_THROWS_AS(TrustedProxies({"10.0.0.0/33"}), lc::Error);
    CHECK_THROWS_AS(TrustedProxies({"proxy.example"}), lc::Error);
    CHECK_THROWS_AS(TrustedProxies({"::1/129"}), lc::Error);
}

TEST_CASE("the client behind trusted proxies is the right-most untrusted address", "[api][unit]") {
    TrustedProxies proxies({"127.0.0.1", "10.0.0.0/8"});
    CHECK(proxies.client_of(from("127.0.0.1", "203.0.113.7")) == "203.0.113.7");
    // Whatever the client wrote itself stays to the left.
    CHECK(proxies.client_of(from("127.0.0.1", "1.2.3.4, 203.0.113.7")) == "203.0.113.7");
    CHECK(proxies.client_of(from("127.0.0.1", "203.0.113.7, 10.1.2.3")) == "203.0.113.7");
    // Not from a trusted proxy: the header is not believed.
    CHECK(proxies.client_of(from("198.51.100.9", "203.0.113.7")) == "198.51.100.9");
    // No header, or garbage where an address should be: the last hop vouched for.
    CHECK(proxies.client_of(from("127.0.0.1")) == "127.0.0.1");
    CHECK(proxies.client_of(from("127.0.0.1", "evil\r\n, 10.0.0.5")) == "10.0.0.5");
    CHECK(TrustedProxies().client_of(from("127.0.0.1", "203.0.113.7")) == "127.0.0.1");
}

TEST_CASE("the sign-in limiter remembers at most its cap of clients", "[api][unit]") {
    FailedAuthLimiter limiter;
    for (std::size_t i = 0; i < FailedAuthLimiter::kMaxTrackedClients + 500; ++i)
        limiter.record_failure("client-" + std::to_string(i));
    CHECK(limiter.tracked() == FailedAuthLimiter::kMaxTrackedClients);
    for (int i = 0; i < 4; ++i) CHECK(!limiter.record_failure("x"));
    CHECK(limiter.record_failure("x"));
    CHECK(limiter.blocked_for("x") > 0);
    CHECK(limiter.tracked() == FailedAuthLimiter::kMaxTrackedClients);
}
