// Editor tokens. A token is 32 random bytes shown once; the store keeps only
// its SHA-256. Tokens carry 256 bits of entropy, so a fast hash is enough: no
// password-stretching is needed to make guessing infeasible.
#include "catalog/store.h"
#include "catalog/store_write.h"
#include "util/clock.h"
#include "util/sha256.h"

namespace lc {

namespace {
constexpr const char* kTokenPrefix = "lct_";

bool valid_token_name(const std::string& name) {
    if (name.empty() || name.size() > 64) return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == '@'))
            return false;
    return true;
}
}  // namespace

std::string Store::create_token(const std::string& name, TokenRole role) {
    if (!valid_token_name(name))
        throw Error("token name must be 1-64 characters of letters, digits, '-', '_', '.', '@'");
    std::string token = kTokenPrefix + random_hex(32);
    write([&] {
        SQLite::Statement exists(*db_, "SELECT 1 FROM tokens WHERE name = ?");
        exists.bind(1, name);
        if (exists.executeStep()) throw Conflict("a token named '" + name + "' already exists");
        SQLite::Statement i(
            *db_, "INSERT INTO tokens (name, role, hash, created_at) VALUES (?, ?, ?, ?)");
        i.bind(1, name);
        i.bind(2, std::string(to_string(role)));
        i.bind(3, sha256_hex(token));
        i.bind(4, now_iso8601());
        i.exec();
    });
    return token;
}

std::vector<TokenInfo> Store::tokens() const {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(
        *db_, "SELECT name, role, created_at, last_used_at, revoked_at FROM tokens ORDER BY name");
    std::vector<TokenInfo> out;
    while (q.executeStep()) {
        TokenInfo t;
        t.name = q.getColumn(0).getString();
        t.role = parse_token_role(q.getColumn(1).getString()).value_or(TokenRole::editor);
        t.created_at = q.getColumn(2).getString();
        t.last_used_at = q.getColumn(3).isNull() ? "" : q.getColumn(3).getString();
        t.revoked_at = q.getColumn(4).isNull() ? "" : q.getColumn(4).getString();
        out.push_back(std::move(t));
    }
    return out;
}

void Store::revoke_token(const std::string& name) {
    write([&] {
        SQLite::Statement u(
            *db_, "UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL");
        u.bind(1, now_iso8601());
        u.bind(2, name);
        if (u.exec() == 0) throw NotFound("no active token named '" + name + "'");
    });
}

std::optional<TokenInfo> Store::authenticate(const std::string& token) {
    const std::string hash = sha256_hex(token);
    std::optional<TokenInfo> match;
    {
        std::lock_guard lock(mutex_);
        SQLite::Statement q(*db_,
                            "SELECT name, role, created_at, last_used_at, hash FROM tokens WHERE "
                            "revoked_at IS NULL");
        // Compare against every active token without stopping early, so the
        // time taken says nothing about which hash came close.
        while (q.executeStep()) {
            bool equal = constant_time_equal(hash, q.getColumn(4).getString());
            if (equal && !match) {
                TokenInfo t;
                t.name = q.getColumn(0).getString();
                t.role = parse_token_role(q.getColumn(1).getString()).value_or(TokenRole::editor);
                t.created_at = q.getColumn(2).getString();
                t.last_used_at = q.getColumn(3).isNull() ? "" : q.getColumn(3).getString();
                match = std::move(t);
            }
        }
    }
    if (!match) return std::nullopt;
    // Record the use at most once a minute; a store that cannot be written
    // (full disk) must not lock editors out of reading their drafts.
    std::string now = now_iso8601();
    if (match->last_used_at.substr(0, 16) != now.substr(0, 16)) {
        try {
            write([&] {
                SQLite::Statement u(*db_, "UPDATE tokens SET last_used_at = ? WHERE name = ?");
                u.bind(1, now);
                u.bind(2, match->name);
                u.exec();
            });
            match->last_used_at = now;
        } catch (const StoreUnavailable&) {
        }
    }
    return match;
}

}  // namespace lc
