// Store: synonym groups as editors change them. The groups table is the
// working copy; each change commits it as a new synonyms revision, rewriting
// meta 'synonyms' (what the index reads) and taking the next synonyms version
// (which the index follower sees as stale and applies).
#include <algorithm>
#include <set>

#include "catalog/store.h"
#include "catalog/store_write.h"
#include "util/clock.h"
#include "util/sha256.h"

namespace lc {

using nlohmann::json;

namespace {

json group_to_json(const StoredSynonymGroup& g) {
    return {{"id", g.id}, {"terms", g.terms}, {"note", g.note}};
}

std::vector<StoredSynonymGroup> groups_from_json(const json& data) {
    std::vector<StoredSynonymGroup> out;
    for (const auto& g : data.at("groups"))
        out.push_back({g.at("id").get<std::int64_t>(), g.at("terms").get<SynonymGroup>(),
                       g.value("note", std::string())});
    return out;
}

std::int64_t current_version(SQLite::Database& db) {
    return db.execAndGet("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'synonyms_version'")
        .getInt64();
}

void check_synonyms_revision(SQLite::Database& db, std::optional<std::int64_t> expected) {
    if (!expected) return;
    std::int64_t current = current_version(db);
    if (*expected != current) throw RevisionConflict(*expected, current);
}

void require_group(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement q(db, "SELECT 1 FROM synonym_groups WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) throw NotFound("no synonym group " + std::to_string(id));
}

void insert_group(SQLite::Database& db, std::optional<std::int64_t> id, const SynonymGroup& terms,
                  const std::string& note) {
    SQLite::Statement q(db, "INSERT INTO synonym_groups (id, terms, note) VALUES (?, ?, ?)");
    if (id)
        q.bind(1, *id);
    else
        q.bind(1);  // NULL: the next id
    q.bind(2, json(terms).dump());
    q.bind(3, note);
    q.exec();
}

}  // namespace

SynonymSet Store::synonym_set_locked() const {
    SynonymSet set;
    set.revision = current_version(*db_);
    SQLite::Statement q(*db_, "SELECT id, terms, note FROM synonym_groups ORDER BY id");
    while (q.executeStep())
        set.groups.push_back({q.getColumn(0).getInt64(),
                              json::parse(q.getColumn(1).getString()).get<SynonymGroup>(),
                              q.getColumn(2).getString()});
    return set;
}

SynonymSet Store::synonym_set() const {
    std::lock_guard lock(mutex_);
    return synonym_set_locked();
}

SynonymSet Store::commit_synonyms_locked(const std::string& action, const std::string& author) {
    db_->exec("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'synonyms_version'");
    SynonymSet set = synonym_set_locked();
    Synonyms plain;
    json groups = json::array();
    for (const auto& g : set.groups) {
        plain.push_back(g.terms);
        groups.push_back(group_to_json(g));
    }
    SQLite::Statement meta(*db_, "UPDATE meta SET value = ? WHERE key = 'synonyms'");
    meta.bind(1, synonyms_to_json(plain).dump());
    meta.exec();
    SQLite::Statement rev(*db_,
                          "INSERT INTO synonym_revisions (revision, action, author, created_at, "
                          "data) VALUES (?, ?, ?, ?, ?)");
    rev.bind(1, set.revision);
    rev.bind(2, action);
    rev.bind(3, author);
    rev.bind(4, now_iso8601());
    rev.bind(5, json{{"groups", groups}}.dump());
    rev.exec();
    return set;
}

std::pair<SynonymSet, std::int64_t> Store::add_synonym_group(const SynonymGroupInput& group,
                                                             std::optional<std::int64_t> expected,
                                                             const std::string& author) {
    return write([&] {
        check_synonyms_revision(*db_, expected);
        insert_group(*db_, std::nullopt, group.terms, group.note);
        std::int64_t id = db_->getLastInsertRowid();
        return std::pair{commit_synonyms_locked("create", author), id};
    });
}

SynonymSet Store::update_synonym_group(std::int64_t id, const SynonymGroupInput& group,
                                       std::optional<std::int64_t> expected,
                                       const std::string& author) {
    return write([&] {
        require_group(*db_, id);
        check_synonyms_revision(*db_, expected);
        SQLite::Statement q(*db_, "UPDATE synonym_groups SET terms = ?, note = ? WHERE id = ?");
        q.bind(1, json(group.terms).dump());
        q.bind(2, group.note);
        q.bind(3, id);
        q.exec();
        return commit_synonyms_locked("update", author);
    });
}

SynonymSet Store::remove_synonym_group(std::int64_t id, std::optional<std::int64_t> expected,
                                       const std::string& author) {
    return write([&] {
        require_group(*db_, id);
        check_synonyms_revision(*db_, expected);
        SQLite::Statement q(*db_, "DELETE FROM synonym_groups WHERE id = ?");
        q.bind(1, id);
        q.exec();
        return commit_synonyms_locked("delete", author);
    });
}

std::vector<SynonymRevisionInfo> Store::synonym_revisions() const {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_,
                        "SELECT revision, action, author, created_at, "
                        "json_array_length(data, '$.groups') FROM synonym_revisions "
                        "ORDER BY revision DESC");
    std::vector<SynonymRevisionInfo> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                       q.getColumn(2).getString(), q.getColumn(3).getString(),
                       static_cast<std::size_t>(q.getColumn(4).getInt64())});
    return out;
}

std::optional<SynonymSet> Store::synonym_revision(std::int64_t revision) const {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "SELECT data FROM synonym_revisions WHERE revision = ?");
    q.bind(1, revision);
    if (!q.executeStep()) return std::nullopt;
    return SynonymSet{revision, groups_from_json(json::parse(q.getColumn(0).getString()))};
}

SynonymSet Store::restore_synonyms(std::int64_t revision, std::optional<std::int64_t> expected,
                                   const std::string& author) {
    return write([&] {
        check_synonyms_revision(*db_, expected);
        SQLite::Statement q(*db_, "SELECT data FROM synonym_revisions WHERE revision = ?");
        q.bind(1, revision);
        if (!q.executeStep())
            throw NotFound("the synonyms have no revision " + std::to_string(revision));
        auto groups = groups_from_json(json::parse(q.getColumn(0).getString()));
        db_->exec("DELETE FROM synonym_groups");
        // Their old ids come back, so a page holding one still finds its group.
        for (const auto& g : groups) insert_group(*db_, g.id, g.terms, g.note);
        return commit_synonyms_locked("restore", author);
    });
}

void Store::import_synonyms_locked(const Synonyms& file_groups, const std::string& author,
                                   ImportSummary& summary) {
    // As for entries: a file unchanged since it was last imported leaves the
    // editors' groups alone; a changed file wins. A file group with the same
    // terms as a stored one keeps that group's id and note.
    const std::string hash = sha256_hex(synonyms_to_json(file_groups).dump());
    std::string imported_hash =
        db_->execAndGet("SELECT value FROM meta WHERE key = 'synonyms_imported_hash'").getString();
    SynonymSet current = synonym_set_locked();
    // Compared as sets of groups: the stored order is by id.
    Synonyms stored, wanted = file_groups;
    for (const auto& g : current.groups) stored.push_back(g.terms);
    std::sort(stored.begin(), stored.end());
    std::sort(wanted.begin(), wanted.end());
    if (imported_hash == hash) {
        summary.synonyms_kept_edits = stored != wanted;
        return;
    }
    SQLite::Statement mark(*db_, "UPDATE meta SET value = ? WHERE key = 'synonyms_imported_hash'");
    mark.bind(1, hash);
    mark.exec();
    if (stored == wanted) return;
    db_->exec("DELETE FROM synonym_groups");
    // Kept groups first, so that a new group's id cannot take one of theirs.
    std::vector<const SynonymGroup*> added;
    std::set<std::int64_t> kept;
    for (const auto& terms : file_groups) {
        auto same = std::find_if(
            current.groups.begin(), current.groups.end(),
            [&](const StoredSynonymGroup& g) { return g.terms == terms && !kept.count(g.id); });
        if (same == current.groups.end())
            added.push_back(&terms);
        else {
            kept.insert(same->id);
            insert_group(*db_, same->id, terms, same->note);
        }
    }
    for (const auto* terms : added) insert_group(*db_, std::nullopt, *terms, "");
    commit_synonyms_locked("import", author);
    summary.synonyms_changed = true;
}

}  // namespace lc
