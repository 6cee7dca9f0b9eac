// Who is asking: bearer tokens checked against the store, and a limiter that
// refuses a client (429) for a while after repeated failed attempts.
#pragma once

#include <httplib.h>

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

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

    // Seconds the client must still wait, or 0.
    int blocked_for(const std::string& client);
    void record_failure(const std::string& client);

  private:
    struct State {
        std::deque<std::chrono::steady_clock::time_point> failures;
        std::chrono::steady_clock::time_point blocked_until{};
    };
    void forget_old(std::chrono::steady_clock::time_point now);

    Policy policy_;
    std::mutex mutex_;
    std::unordered_map<std::string, State> clients_;
};

class Authenticator {
  public:
    Authenticator(Store& store, FailedAuthLimiter& limiter) : store_(store), limiter_(limiter) {}

    // The editor behind the request's bearer token; nothing when the request
    // carries no Authorization header. A token that is wrong, revoked or
    // malformed is ApiError 401; a client with too many failures, 429.
    std::optional<Editor> identify(const httplib::Request& req);
    Editor require_editor(const httplib::Request& req);  // 401 without a token
    Editor require_admin(const httplib::Request& req);   // 403 for an editor

  private:
    Store& store_;
    FailedAuthLimiter& limiter_;
};

}  // namespace lc::api
