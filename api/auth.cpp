#include "api/auth.h"

#include <iostream>

#include "api/errors.h"

namespace lc::api {

namespace {
constexpr std::size_t kMaxTokenLength = 200;
}  // namespace

void FailedAuthLimiter::forget_old(std::chrono::steady_clock::time_point now) {
    for (auto it = clients_.begin(); it != clients_.end();) {
        auto& s = it->second;
        while (!s.failures.empty() && now - s.failures.front() > policy_.window)
            s.failures.pop_front();
        if (s.failures.empty() && s.blocked_until <= now)
            it = clients_.erase(it);
        else
            ++it;
    }
}

int FailedAuthLimiter::blocked_for(const std::string& client) {
    std::lock_guard lock(mutex_);
    auto it = clients_.find(client);
    if (it == clients_.end()) return 0;
    auto now = std::chrono::steady_clock::now();
    if (it->second.blocked_until <= now) return 0;
    return static_cast<int>(
        std::chrono::ceil<std::chrono::seconds>(it->second.blocked_until - now).count());
}

void FailedAuthLimiter::forget_one() {
    auto latest = [](const State& s) {
        return std::max(s.blocked_until, s.failures.empty()
                                             ? std::chrono::steady_clock::time_point{}
                                             : s.failures.back());
    };
    auto oldest = clients_.begin();
    for (auto it = clients_.begin(); it != clients_.end(); ++it)
        if (latest(it->second) < latest(oldest->second)) oldest = it;
    if (oldest != clients_.end()) clients_.erase(oldest);
}

bool FailedAuthLimiter::record_failure(const std::string& client) {
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (!clients_.contains(client) && clients_.size() >= kMaxTrackedClients) {
        forget_old(now);
        if (clients_.size() >= kMaxTrackedClients) forget_one();
    }
    auto& s = clients_[client];
    // At most max_failures are kept: older ones leave the window or start a block.
    while (!s.failures.empty() && now - s.failures.front() > policy_.window) s.failures.pop_front();
    s.failures.push_back(now);
    if (s.failures.size() < policy_.max_failures) return false;
    s.blocked_until = now + policy_.block;
    s.failures.clear();
    return true;
}

std::size_t FailedAuthLimiter::tracked() const {
    std::lock_guard lock(mutex_);
    return clients_.size();
}

std::optional<Editor> Authenticator::identify(const httplib::Request& req) {
    if (!req.has_header("Authorization")) return std::nullopt;
    std::string header = req.get_header_value("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    std::optional<TokenInfo> token;
    if (header.size() > kBearer.size() && header.size() < kBearer.size() + kMaxTokenLength &&
        header.compare(0, kBearer.size(), kBearer) == 0)
        token = store_.authenticate(header.substr(kBearer.size()));
    if (token) return Editor{token->name, token->role};
    // Only failures are limited, so others failing from the same address
    // (a proxy, an office) never lock an editor out.
    const std::string address = proxies_.client_of(req);
    const std::string client = client_key(address);
    if (int wait = limiter_.blocked_for(client); wait > 0)
        throw ApiError(429, "too_many_attempts",
                       "too many failed sign-in attempts; wait " + std::to_string(wait) + " s")
            .retry_after(wait);
    if (limiter_.record_failure(client))
        std::cerr << "lc-api: failed sign-ins from " << address << " (" << client
                  << ") refused for a while\n";
    throw ApiError(401, "unauthorized", "the token is not valid (unknown, revoked or malformed)");
}

Editor Authenticator::require_editor(const httplib::Request& req) {
    auto editor = identify(req);
    if (!editor)
        throw ApiError(401, "unauthorized",
                       "this needs an editor token: Authorization: Bearer TOKEN");
    return *editor;
}

Editor Authenticator::require_admin(const httplib::Request& req) {
    Editor editor = require_editor(req);
    if (editor.role != TokenRole::admin)
        throw ApiError(403, "forbidden", "only an admin may do this");
    return editor;
}

}  // namespace lc::api
