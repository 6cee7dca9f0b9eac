// Who is asking: bearer tokens checked against the store, and a limiter that
// refuses a client's failed attempts (429) for a while after repeated ones. A
// valid token is never refused: behind a proxy, or on a shared network, the
// failures of others would otherwise lock editors out.
#pragma once

#include <httplib.h>

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "api/client_address.h"
#include "catalog/store.h"

namespace lc::api {

struct Editor {
    std::string name;
    TokenRole role = TokenRole::editor;
};

class FailedAuthLimiter {
  public:
    struct Policy {
        std::size_t max_failures = 5;  // within `window`
        std::chrono::seconds window{60};
        std::chrono::seconds block{60};  // refused for this long after that
    };
    FailedAuthLimiter() : FailedAuthLimiter(Policy{}) {}
    explicit FailedAuthLimiter(Policy policy) : policy_(policy) {}

    // Seconds the client must still wait, or 0. `client` is a client_key.
    int blocked_for(const std::string& client);
    // True when this failure starts a block.
    bool record_failure(const std::string& client);
    std::size_t tracked() const;

    // At most this many clients are remembered; beyond it the one whose last
    // failure is oldest is forgotten.
    static constexpr std::size_t kMaxTrackedClients = 10'000;

  private:
    struct State {
        std::deque<std::chrono::steady_clock::time_point> failures;
        std::chrono::steady_clock::time_point blocked_until{};
    };
    void forget_old(std::chrono::steady_clock::time_point now);
    void forget_one();

    Policy policy_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, State> clients_;
};

class Authenticator {
  public:
    Authenticator(Store& store, FailedAuthLimiter& limiter, const TrustedProxies& proxies)
        : store_(store), limiter_(limiter), proxies_(proxies) {}

    // The editor behind the request's bearer token; nothing when the request
    // carries no Authorization header. A token that is wrong, revoked or
    // malformed is ApiError 401, or 429 when its client (the address behind
    // a trusted proxy; an IPv6 /64) has failed too often lately.
    std::optional<Editor> identify(const httplib::Request& req);
    Editor require_editor(const httplib::Request& req);  // 401 without a token
    Editor require_admin(const httplib::Request& req);   // 403 for an editor

  private:
    Store& store_;
    FailedAuthLimiter& limiter_;
    const TrustedProxies& proxies_;
};

}  // namespace lc::api
