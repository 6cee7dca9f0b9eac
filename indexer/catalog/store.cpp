#include "catalog/store.h"

#include <sys/statvfs.h>

#include <set>

#include "catalog/store_write.h"

#include "catalog/entry_upgrade.h"
#include "catalog/validation.h"
#include "util/clock.h"
#include "util/sha256.h"

namespace lc {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Each step brings the schema from version i to i+1: SQL, then (where the
// entry rules changed) a rewrite of every stored version of every entry.
// Never edit a released step; add one.
struct Migration {
    const char* sql;
    void (*rewrite_entry)(json&);
};

const Migration kMigrations[] = {
    // 1: entries, their revisions, the change sequence, synonyms, tokens.
    {R"SQL(
    CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        revision INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        data TEXT NOT NULL,
        imported_hash TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        change_seq INTEGER NOT NULL
    );
    CREATE INDEX entries_by_change_seq ON entries(change_seq);
    CREATE TABLE revisions (
        entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'import')),
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        deleted INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (entry_id, revision)
    ) WITHOUT ROWID;
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    INSERT INTO meta (key, value) VALUES ('change_seq', '0'), ('synonyms', '{"groups":[]}'),
                                         ('synonyms_version', '0');
    CREATE TABLE tokens (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('editor', 'admin')),
        hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at TEXT
    );
    )SQL",
     nullptr},
    // 2: locations with precision and source, areas named as since 1 July 2025.
    {"", upgrade_to_2025_units},
    // 3: synonym groups editors change one at a time, each change a revision
    // of the whole set (issue 20). meta 'synonyms' stays what the index reads.
    {R"SQL(
    CREATE TABLE synonym_groups (
        id INTEGER PRIMARY KEY,
        terms TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    );
    INSERT INTO synonym_groups (terms)
        SELECT value FROM json_each((SELECT value FROM meta WHERE key = 'synonyms'), '$.groups');
    CREATE TABLE synonym_revisions (
        revision INTEGER PRIMARY KEY,
        action TEXT NOT NULL
            CHECK (action IN ('create', 'update', 'delete', 'restore', 'import')),
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        data TEXT NOT NULL
    );
    -- The set is unchanged, so its version is too: the groups as they stand
    -- become the revision of the current version, restorable like any other.
    INSERT INTO synonym_revisions (revision, action, author, created_at, data)
        SELECT CAST(value AS INTEGER), 'import', 'migration',
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
               (SELECT json_object('groups', json_group_array(
                           json_object('id', id, 'terms', json(terms), 'note', note)))
                  FROM synonym_groups)
          FROM meta WHERE key = 'synonyms_version';
    INSERT INTO meta (key, value) VALUES ('synonyms_imported_hash', '');
    )SQL",
     nullptr},
};

void rewrite_entries(SQLite::Database& db, void (*rewrite)(json&)) {
    // (table, its key) — revisions has no rowid.
    for (const auto& [table, key] :
         {std::pair{"entries", "id"}, std::pair{"revisions", "entry_id || '/' || revision"}}) {
        SQLite::Statement read(db, std::string("SELECT ") + key + ", data FROM " + table);
        SQLite::Statement write(
            db, std::string("UPDATE ") + table + " SET data = ? WHERE " + key + " = ?");
        while (read.executeStep()) {
            json data = json::parse(read.getColumn(1).getString());
            rewrite(data);
            write.bind(1, data.dump());
            write.bind(2, read.getColumn(0).getString());
            write.exec();
            write.reset();
        }
    }
}

constexpr int kSchemaVersion = static_cast<int>(std::size(kMigrations));

StoredEntry row_to_entry(SQLite::Statement& q) {
    // Columns: data, revision, deleted, created_at, updated_at, updated_by, change_seq
    StoredEntry s;
    s.entry = entry_from_json(json::parse(q.getColumn(0).getString()));
    s.revision = q.getColumn(1).getInt64();
    s.deleted = q.getColumn(2).getInt() != 0;
    s.created_at = q.getColumn(3).getString();
    s.updated_at = q.getColumn(4).getString();
    s.updated_by = q.getColumn(5).getString();
    s.change_seq = q.getColumn(6).getInt64();
    return s;
}

constexpr const char* kEntryColumns =
    "data, revision, deleted, created_at, updated_at, updated_by, change_seq";

std::vector<std::string> changed_fields(const json& before, const json& after) {
    std::vector<std::string> out;
    std::set<std::string> keys;
    for (const auto& [k, v] : before.items()) keys.insert(k);
    for (const auto& [k, v] : after.items()) keys.insert(k);
    for (const auto& k : keys)
        if (!before.contains(k) || !after.contains(k) || before[k] != after[k]) out.push_back(k);
    return out;
}

void check_revision(const StoredEntry& current, std::optional<std::int64_t> expected) {
    if (expected && *expected != current.revision)
        throw RevisionConflict(*expected, current.revision);
}

}  // namespace

std::string_view to_string(TokenRole role) {
    return role == TokenRole::admin ? "admin" : "editor";
}

std::optional<TokenRole> parse_token_role(std::string_view s) {
    if (s == "editor") return TokenRole::editor;
    if (s == "admin") return TokenRole::admin;
    return std::nullopt;
}

fs::path Store::file_in(const fs::path& data_dir) {
    return data_dir / "catalog.sqlite";
}

namespace {
bool on_read_only_file_system(const fs::path& dir) {
    struct statvfs info {};
    return ::statvfs(dir.c_str(), &info) == 0 && (info.f_flag & ST_RDONLY) != 0;
}
}  // namespace

Store::Store(const fs::path& data_dir, Mode mode) : path_(file_in(data_dir)) {
    std::error_code ec;
    if (fs::exists(path_, ec) && on_read_only_file_system(data_dir)) {
        // SQLite cannot open a WAL database where it cannot create the shared
        // memory file; "immutable" tells it nothing will change the file, which
        // holds on a read-only file system.
        read_only_ = true;
        try {
            db_ = std::make_unique<SQLite::Database>("file:" + path_.string() + "?immutable=1",
                                                     SQLite::OPEN_READONLY | SQLite::OPEN_URI);
            SQLite::Statement check(*db_, "PRAGMA quick_check");
            if (!check.executeStep() || check.getColumn(0).getString() != "ok")
                throw StoreError("catalog " + path_.string() + " is corrupt");
        } catch (const SQLite::Exception& e) {
            throw StoreError("cannot open catalog " + path_.string() +
                             " (read-only folder): " + e.what());
        }
        if (db_->execAndGet("PRAGMA user_version").getInt() != kSchemaVersion)
            throw StoreError("catalog " + path_.string() +
                             " needs a schema upgrade but its folder is read-only");
        return;
    }
    if (mode == Mode::must_exist && !fs::exists(path_, ec))
        throw StoreError("no catalog at " + path_.string() +
                         " (create it with: lc-indexer import content/ --data " +
                         data_dir.string() + ")");
    if (mode == Mode::create_if_missing) {
        fs::create_directories(data_dir, ec);
        if (ec)
            throw StoreError("cannot create data folder " + data_dir.string() + ": " +
                             ec.message());
    }
    try {
        int flags =
            SQLite::OPEN_READWRITE | (mode == Mode::create_if_missing ? SQLite::OPEN_CREATE : 0);
        db_ = std::make_unique<SQLite::Database>(path_.string(), flags, 5000);
        db_->exec("PRAGMA foreign_keys = ON");
        db_->exec("PRAGMA synchronous = FULL");
        // journal_mode answers with a row; a file that is not SQLite fails here.
        {
            SQLite::Statement wal(*db_, "PRAGMA journal_mode = WAL");
            wal.executeStep();
        }
        {
            SQLite::Statement check(*db_, "PRAGMA quick_check");
            if (!check.executeStep() || check.getColumn(0).getString() != "ok")
                throw StoreError(
                    "catalog " + path_.string() + " is corrupt: " +
                    (check.hasRow() ? check.getColumn(0).getString() : std::string("no answer")));
        }
        migrate();
    } catch (const SQLite::Exception& e) {
        throw StoreError("cannot open catalog " + path_.string() + ": " + e.what());
    }
}

Store::~Store() = default;

void Store::migrate() {
    int version = db_->execAndGet("PRAGMA user_version").getInt();
    if (version > kSchemaVersion)
        throw StoreError("catalog " + path_.string() + " has schema version " +
                         std::to_string(version) + ", newer than this program understands (" +
                         std::to_string(kSchemaVersion) + ")");
    for (int v = version; v < kSchemaVersion; ++v) {
        SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
        if (*kMigrations[v].sql) db_->exec(kMigrations[v].sql);
        if (kMigrations[v].rewrite_entry) rewrite_entries(*db_, kMigrations[v].rewrite_entry);
        db_->exec("PRAGMA user_version = " + std::to_string(v + 1));
        tx.commit();
    }
}

int Store::schema_version() const {
    std::lock_guard lock(mutex_);
    return db_->execAndGet("PRAGMA user_version").getInt();
}

std::int64_t Store::next_seq() {
    db_->exec("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'");
    return db_->execAndGet("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'change_seq'")
        .getInt64();
}

std::optional<StoredEntry> Store::find_locked(std::string_view slug) const {
    SQLite::Statement q(*db_,
                        std::string("SELECT ") + kEntryColumns + " FROM entries WHERE slug = ?");
    q.bind(1, std::string(slug));
    if (!q.executeStep()) return std::nullopt;
    return row_to_entry(q);
}

std::optional<StoredEntry> Store::find(std::string_view slug) const {
    std::lock_guard lock(mutex_);
    return find_locked(slug);
}

StoredEntry Store::write_version(const Entry& entry, const std::optional<StoredEntry>& current,
                                 bool deleted, const std::string& action,
                                 const std::string& author) {
    const std::string data = to_canonical_json(entry);
    const std::string now = now_iso8601();
    const std::int64_t seq = next_seq();
    const std::int64_t revision = current ? current->revision + 1 : 1;
    if (current) {
        SQLite::Statement u(
            *db_,
            "UPDATE entries SET kind = ?, status = ?, revision = ?, deleted = ?, data = ?, "
            "updated_at = ?, updated_by = ?, change_seq = ? WHERE slug = ?");
        u.bind(1, std::string(to_string(entry.kind)));
        u.bind(2, std::string(to_string(entry.status)));
        u.bind(3, revision);
        u.bind(4, deleted ? 1 : 0);
        u.bind(5, data);
        u.bind(6, now);
        u.bind(7, author);
        u.bind(8, seq);
        u.bind(9, entry.slug);
        u.exec();
    } else {
        SQLite::Statement i(
            *db_,
            "INSERT INTO entries (slug, kind, status, revision, deleted, data, created_at, "
            "updated_at, updated_by, change_seq) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)");
        i.bind(1, entry.slug);
        i.bind(2, std::string(to_string(entry.kind)));
        i.bind(3, std::string(to_string(entry.status)));
        i.bind(4, deleted ? 1 : 0);
        i.bind(5, data);
        i.bind(6, now);
        i.bind(7, now);
        i.bind(8, author);
        i.bind(9, seq);
        i.exec();
    }
    SQLite::Statement r(
        *db_,
        "INSERT INTO revisions (entry_id, revision, action, author, created_at, deleted, data) "
        "SELECT id, ?, ?, ?, ?, ?, ? FROM entries WHERE slug = ?");
    r.bind(1, revision);
    r.bind(2, action);
    r.bind(3, author);
    r.bind(4, now);
    r.bind(5, deleted ? 1 : 0);
    r.bind(6, data);
    r.bind(7, entry.slug);
    r.exec();
    StoredEntry out;
    out.entry = entry;
    out.revision = revision;
    out.deleted = deleted;
    out.created_at = current ? current->created_at : now;
    out.updated_at = now;
    out.updated_by = author;
    out.change_seq = seq;
    return out;
}

StoredEntry Store::create(const Entry& entry, const std::string& author) {
    return write([&] {
        if (auto existing = find_locked(entry.slug)) {
            if (existing->deleted)
                throw Conflict("slug '" + entry.slug +
                               "' belongs to a deleted entry; restore it instead");
            throw Conflict("slug '" + entry.slug + "' already exists");
        }
        return write_version(entry, std::nullopt, false, "create", author);
    });
}

StoredEntry Store::replace(const Entry& entry, std::optional<std::int64_t> expected,
                           const std::string& author) {
    return write([&] {
        auto current = find_locked(entry.slug);
        if (!current || current->deleted) throw NotFound("no entry '" + entry.slug + "'");
        check_revision(*current, expected);
        if (current->entry == entry) return *current;  // nothing to record
        return write_version(entry, current, false, "update", author);
    });
}

StoredEntry Store::patch(std::string_view slug, const json& merge_patch,
                         std::optional<std::int64_t> expected, const std::string& author) {
    if (!merge_patch.is_object())
        throw ValidationError(std::vector<FieldError>{
            {"", FieldCode::wrong_type, "a patch must be a JSON object of the fields to change"}});
    return write([&] {
        auto current = find_locked(slug);
        if (!current || current->deleted) throw NotFound("no entry '" + std::string(slug) + "'");
        check_revision(*current, expected);
        json merged = json::parse(to_canonical_json(current->entry));
        merged.merge_patch(merge_patch);
        if (merged.value("slug", json()) != json(std::string(slug)))
            throw ValidationError(std::vector<FieldError>{
                {"slug", FieldCode::not_allowed, "the slug of an entry cannot be changed"}});
        Entry entry = entry_from_json(merged);
        if (current->entry == entry) return *current;
        return write_version(entry, current, false, "update", author);
    });
}

StoredEntry Store::remove(std::string_view slug, std::optional<std::int64_t> expected,
                          const std::string& author) {
    return write([&] {
        auto current = find_locked(slug);
        if (!current || current->deleted) throw NotFound("no entry '" + std::string(slug) + "'");
        check_revision(*current, expected);
        return write_version(current->entry, current, true, "delete", author);
    });
}

StoredEntry Store::restore(std::string_view slug, std::optional<std::int64_t> revision,
                           std::optional<std::int64_t> expected, const std::string& author) {
    return write([&] {
        auto current = find_locked(slug);
        if (!current) throw NotFound("no entry '" + std::string(slug) + "'");
        check_revision(*current, expected);
        SQLite::Statement q(
            *db_, revision ? "SELECT r.data FROM revisions r JOIN entries e ON e.id = r.entry_id "
                             "WHERE e.slug = ? AND r.revision = ?"
                           : "SELECT r.data FROM revisions r JOIN entries e ON e.id = r.entry_id "
                             "WHERE e.slug = ? AND r.deleted = 0 ORDER BY r.revision DESC LIMIT 1");
        q.bind(1, std::string(slug));
        if (revision) q.bind(2, *revision);
        if (!q.executeStep())
            throw NotFound(revision
                               ? "entry '" + std::string(slug) + "' has no revision " +
                                     std::to_string(*revision)
                               : "entry '" + std::string(slug) + "' has no revision to restore");
        Entry entry = entry_from_json(json::parse(q.getColumn(0).getString()));
        q.reset();
        if (!current->deleted && current->entry == entry)
            return *current;  // already so: nothing to record
        return write_version(entry, current, false, "restore", author);
    });
}

StoredEntry Store::update(std::string_view slug, const std::function<Entry(Entry)>& change,
                          std::optional<std::int64_t> expected, const std::string& author) {
    return write([&] {
        auto current = find_locked(slug);
        if (!current || current->deleted) throw NotFound("no entry '" + std::string(slug) + "'");
        check_revision(*current, expected);
        Entry changed = change(current->entry);
        // Through the JSON shape, so the result is checked like any write.
        Entry entry = entry_from_json(json::parse(to_canonical_json(changed)));
        if (current->entry == entry) return *current;
        return write_version(entry, current, false, "update", author);
    });
}

std::vector<std::string> Store::photo_ids_in_revisions() const {
    std::lock_guard lock(mutex_);
    std::set<std::string> ids;
    // Only revisions that have photos carry the key (validation.cpp, to_json).
    SQLite::Statement q(*db_, "SELECT data FROM revisions WHERE instr(data, '\"photos\"') > 0");
    while (q.executeStep()) {
        json data = json::parse(q.getColumn(0).getString());
        for (const auto& p : data.value("photos", json::array()))
            if (p.is_object() && p.contains("id") && p["id"].is_string()) ids.insert(p["id"]);
    }
    return {ids.begin(), ids.end()};
}

std::size_t Store::purge_revisions(std::string_view slug, std::int64_t before) {
    return write([&] {
        counts_cache_.reset();  // the revision count changes without a new change
        auto current = find_locked(slug);
        if (!current) throw NotFound("no entry '" + std::string(slug) + "'");
        SQLite::Statement d(
            *db_,
            "DELETE FROM revisions WHERE entry_id = (SELECT id FROM entries WHERE slug = ?) "
            "AND revision < ? AND revision < ?");
        d.bind(1, std::string(slug));
        d.bind(2, before);
        d.bind(3, current->revision);
        return static_cast<std::size_t>(d.exec());
    });
}

std::vector<RevisionInfo> Store::revisions(std::string_view slug) const {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(
        *db_,
        "SELECT r.revision, r.action, r.author, r.created_at, r.deleted, r.data FROM revisions r "
        "JOIN entries e ON e.id = r.entry_id WHERE e.slug = ? ORDER BY r.revision");
    q.bind(1, std::string(slug));
    std::vector<RevisionInfo> out;
    json previous = json::object();
    bool any = false;
    while (q.executeStep()) {
        any = true;
        RevisionInfo info;
        info.revision = q.getColumn(0).getInt64();
        info.action = q.getColumn(1).getString();
        info.author = q.getColumn(2).getString();
        info.created_at = q.getColumn(3).getString();
        info.deleted = q.getColumn(4).getInt() != 0;
        json data = json::parse(q.getColumn(5).getString());
        if (info.action != "delete") info.changed_fields = changed_fields(previous, data);
        previous = std::move(data);
        out.push_back(std::move(info));
    }
    if (!any && !find_locked(slug)) throw NotFound("no entry '" + std::string(slug) + "'");
    return out;
}

std::optional<Entry> Store::revision_entry(std::string_view slug, std::int64_t revision) const {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_,
                        "SELECT r.data FROM revisions r JOIN entries e ON e.id = r.entry_id "
                        "WHERE e.slug = ? AND r.revision = ?");
    q.bind(1, std::string(slug));
    q.bind(2, revision);
    if (!q.executeStep()) return std::nullopt;
    return entry_from_json(json::parse(q.getColumn(0).getString()));
}

void Store::for_each(const std::function<void(const StoredEntry&)>& fn,
                     bool include_deleted) const {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, std::string("SELECT ") + kEntryColumns + " FROM entries" +
                                  (include_deleted ? "" : " WHERE deleted = 0") + " ORDER BY slug");
    while (q.executeStep()) fn(row_to_entry(q));
}

CatalogCounts Store::counts() const {
    std::lock_guard lock(mutex_);
    const std::int64_t seq =
        db_->execAndGet("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'change_seq'")
            .getInt64();
    if (counts_cache_ && counts_cache_->first == seq) return counts_cache_->second;
    CatalogCounts c;
    SQLite::Statement q(
        *db_, "SELECT kind, status, deleted, COUNT(*) FROM entries GROUP BY kind, status, deleted");
    while (q.executeStep()) {
        auto n = static_cast<std::size_t>(q.getColumn(3).getInt64());
        if (q.getColumn(2).getInt() != 0)
            c.deleted += n;
        else if (q.getColumn(1).getString() == "draft")
            c.drafts += n;
        else
            c.published_by_kind[q.getColumn(0).getString()] += n;
    }
    c.revisions =
        static_cast<std::size_t>(db_->execAndGet("SELECT COUNT(*) FROM revisions").getInt64());
    counts_cache_.emplace(seq, c);
    return c;
}

std::pair<std::vector<EntrySummary>, std::size_t> Store::list(const ListFilter& f) const {
    std::lock_guard lock(mutex_);
    std::string where = " WHERE 1 = 1";
    if (f.status) where += " AND status = ?";
    if (f.deleted) where += " AND deleted = ?";
    auto bind = [&](SQLite::Statement& q) {
        int i = 1;
        if (f.status) q.bind(i++, std::string(to_string(*f.status)));
        if (f.deleted) q.bind(i++, *f.deleted ? 1 : 0);
        return i;
    };
    SQLite::Statement count(*db_, "SELECT COUNT(*) FROM entries" + where);
    bind(count);
    count.executeStep();
    auto total = static_cast<std::size_t>(count.getColumn(0).getInt64());
    SQLite::Statement q(*db_,
                        "SELECT slug, kind, json_extract(data, '$.name.vi'), status, updated_at, "
                        "updated_by, revision, "
                        "deleted FROM entries" +
                            where + " ORDER BY updated_at DESC, slug LIMIT ? OFFSET ?");
    int next = bind(q);
    q.bind(next, static_cast<std::int64_t>(f.limit));
    q.bind(next + 1, static_cast<std::int64_t>(f.offset));
    std::vector<EntrySummary> out;
    while (q.executeStep()) {
        EntrySummary s;
        s.slug = q.getColumn(0).getString();
        s.kind = q.getColumn(1).getString();
        s.name = q.getColumn(2).getString();
        s.status = q.getColumn(3).getString();
        s.updated_at = q.getColumn(4).getString();
        s.updated_by = q.getColumn(5).getString();
        s.revision = q.getColumn(6).getInt64();
        s.deleted = q.getColumn(7).getInt() != 0;
        out.push_back(std::move(s));
    }
    return {std::move(out), total};
}

ImportSummary Store::import(const std::vector<Entry>& entries,
                            const std::optional<Synonyms>& synonyms, const std::string& author) {
    return write([&] {
        ImportSummary summary;
        SQLite::Statement lookup(*db_, std::string("SELECT ") + kEntryColumns +
                                           ", imported_hash FROM entries WHERE slug = ?");
        SQLite::Statement mark(*db_, "UPDATE entries SET imported_hash = ? WHERE slug = ?");
        for (const Entry& entry : entries) {
            const std::string hash = sha256_hex(to_canonical_json(entry));
            lookup.bind(1, entry.slug);
            std::optional<StoredEntry> current;
            std::string imported_hash;
            if (lookup.executeStep()) {
                current = row_to_entry(lookup);
                imported_hash = lookup.getColumn(7).isNull() ? "" : lookup.getColumn(7).getString();
            }
            lookup.reset();
            if (!current) {
                write_version(entry, std::nullopt, false, "import", author);
                ++summary.created;
            } else if (imported_hash == hash) {
                // The file has not changed since it was imported; what is in the
                // store (an editor's edit, a delete) wins.
                bool edited = current->deleted || current->entry != entry;
                ++(edited ? summary.kept_edits : summary.unchanged);
                continue;
            } else if (!current->deleted && current->entry == entry) {
                ++summary.unchanged;
            } else {
                write_version(entry, current, false, "import", author);
                ++(current->deleted ? summary.restored : summary.updated);
            }
            mark.bind(1, hash);
            mark.bind(2, entry.slug);
            mark.exec();
            mark.reset();
        }
        if (synonyms) import_synonyms_locked(*synonyms, author, summary);
        return summary;
    });
}

std::int64_t Store::change_seq() const {
    std::lock_guard lock(mutex_);
    return db_->execAndGet("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'change_seq'")
        .getInt64();
}

std::vector<Change> Store::changes_since(std::int64_t seq, std::size_t limit) const {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(
        *db_,
        "SELECT slug, change_seq, deleted, status, data FROM entries WHERE change_seq > ? "
        "ORDER BY change_seq LIMIT ?");
    q.bind(1, seq);
    q.bind(2, static_cast<std::int64_t>(limit));
    std::vector<Change> out;
    while (q.executeStep()) {
        Change c;
        c.slug = q.getColumn(0).getString();
        c.seq = q.getColumn(1).getInt64();
        if (q.getColumn(2).getInt() == 0 && q.getColumn(3).getString() == "published")
            c.searchable_entry = entry_from_json(json::parse(q.getColumn(4).getString()));
        out.push_back(std::move(c));
    }
    return out;
}

std::unique_ptr<SQLite::Database> Store::open_reader() const {
    if (read_only_)
        return std::make_unique<SQLite::Database>("file:" + path_.string() + "?immutable=1",
                                                  SQLite::OPEN_READONLY | SQLite::OPEN_URI);
    return std::make_unique<SQLite::Database>(path_.string(), SQLite::OPEN_READONLY, 5000);
}

std::int64_t Store::snapshot(
    const std::function<void(std::string_view, std::string_view)>& fn) const {
    // Its own read-only connection: a long snapshot (a full index build) must
    // not hold the mutex that editors' writes and entry reads need. WAL lets it
    // read a consistent state while others write.
    try {
        auto reader_connection = open_reader();
        SQLite::Database& reader = *reader_connection;
        SQLite::Transaction tx(reader, SQLite::TransactionBehavior::DEFERRED);
        std::int64_t seq =
            reader.execAndGet("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'change_seq'")
                .getInt64();
        SQLite::Statement q(reader,
                            "SELECT slug, data FROM entries WHERE deleted = 0 AND status = "
                            "'published' ORDER BY id");
        while (q.executeStep()) {
            auto slug = q.getColumn(0);
            auto data = q.getColumn(1);
            fn(std::string_view(static_cast<const char*>(slug.getBlob()),
                                static_cast<std::size_t>(slug.getBytes())),
               std::string_view(static_cast<const char*>(data.getBlob()),
                                static_cast<std::size_t>(data.getBytes())));
        }
        tx.commit();
        return seq;
    } catch (const SQLite::Exception& e) {
        throw StoreError(std::string("cannot read the catalog: ") + e.what());
    }
}

Synonyms Store::synonyms() const {
    std::lock_guard lock(mutex_);
    auto value = db_->execAndGet("SELECT value FROM meta WHERE key = 'synonyms'").getString();
    auto parsed = parse_synonyms(json::parse(value));
    return parsed.groups;
}

std::int64_t Store::synonyms_version() const {
    std::lock_guard lock(mutex_);
    return db_->execAndGet("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'synonyms_version'")
        .getInt64();
}

}  // namespace lc
