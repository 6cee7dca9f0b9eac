#include "api/auth.h"

#include "api/errors.h"

namespace lc::api {

namespace {
constexpr std::size_t kMaxTrackedClients = 10'000;
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

void FailedAuthLimiter::record_failure(const std::string& client) {
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (clients_.size() >= kMaxTrackedClients) forget_old(now);
    auto& s = clients_[client];
    while (!s.failures.empty() && now - s.failures.front() > policy_.window) s.failures.pop_front();
    s.failures.push_back(now);
    if (s.failures.size() >= policy_.max_failures) {
        s.blocked_until = now + policy_.block;
        s.failures.clear();
    }
}

std::optional<Editor> Authenticator::identify(const httplib::Request& req) {
    if (!req.has_header("Authorization")) return std::nullopt;
    const std::string& client = req.remote_addr;
    if (int wait = limiter_.blocked_for(client); wait > 0)
        throw ApiError(429, "too_many_attempts",
                       "too many failed sign-in attempts; wait " + std::to_string(wait) + " s")
            .retry_after(wait);
    std::string header = req.get_header_value("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    std::optional<TokenInfo> token;
    if (header.size() > kBearer.size() && header.size() < kBearer.size() + kMaxTokenLength &&
        header.compare(0, kBearer.size(), kBearer) == 0)
        token = store_.authenticate(header.substr(kBearer.size()));
    if (!token) {
        limiter_.record_failure(client);
        throw ApiError(401, "unauthorized",
                       "the token is not valid (unknown, revoked or malformed)");
    }
    return Editor{token->name, token->role};
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
