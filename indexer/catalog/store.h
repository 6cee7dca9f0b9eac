// The catalog store: SQLite (through SQLiteCpp), the source of truth.
//
// Every change to an entry is a new revision; every version stays in the
// revisions table, so nothing an editor saved is lost. Deletes are soft and can
// be undone by restoring a revision. Each change also takes the next number of
// a global change sequence, which is how the search index knows what it has
// not yet applied (see index/index_follower.h).
//
// Thread-safe: one connection behind a mutex. Writes are rare and short; each
// runs in its own IMMEDIATE transaction with synchronous=FULL, so a returned
// write is on disk.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "catalog/entry.h"
#include "catalog/synonyms.h"
#include "util/error.h"

namespace lc {

// A write carried an expected revision that is no longer the latest.
class RevisionConflict : public Error {
  public:
    RevisionConflict(std::int64_t expected, std::int64_t current)
        : Error("revision " + std::to_string(expected) + " is stale; the entry is at revision " +
                std::to_string(current)),
          current_(current) {}
    std::int64_t current() const { return current_; }

  private:
    std::int64_t current_;
};

struct StoredEntry {
    Entry entry;
    std::int64_t revision = 0;
    bool deleted = false;
    std::string created_at;
    std::string updated_at;
    std::string updated_by;
    std::int64_t change_seq = 0;
    bool searchable() const { return !deleted && entry.status == Status::published; }
};

struct RevisionInfo {
    std::int64_t revision = 0;
    std::string action;  // create, update, delete, restore, import
    std::string author;
    std::string created_at;
    bool deleted = false;
    std::vector<std::string> changed_fields;  // against the previous revision
};

// One entry's state after a change, for the index to apply.
struct Change {
    std::string slug;
    std::int64_t seq = 0;
    std::optional<Entry> searchable_entry;  // empty: remove it from the index
};

struct ImportSummary {
    std::size_t created = 0, updated = 0, restored = 0, unchanged = 0;
    std::size_t kept_edits = 0;  // entries an editor changed since their file was last imported
    bool synonyms_changed = false;
    // The synonyms file is unchanged since it was last imported, and editors
    // have changed the groups since: theirs are kept.
    bool synonyms_kept_edits = false;
};

struct CatalogCounts {
    std::map<std::string, std::size_t> published_by_kind;
    std::size_t drafts = 0;
    std::size_t deleted = 0;
    std::size_t revisions = 0;
};

// One line of the editors' list of entries.
struct EntrySummary {
    std::string slug, kind, name, status, updated_at, updated_by;
    std::int64_t revision = 0;
    bool deleted = false;
};

struct ListFilter {
    std::optional<Status> status;
    std::optional<bool> deleted;
    std::size_t offset = 0;
    std::size_t limit = 50;
};

// A synonym group as stored: editors change groups one at a time through the
// API; every change is a new revision of the whole set (the synonyms version
// the index follows).
struct StoredSynonymGroup {
    std::int64_t id = 0;
    SynonymGroup terms;
    std::string note;
};

struct SynonymSet {
    std::int64_t revision = 0;
    std::vector<StoredSynonymGroup> groups;
};

struct SynonymRevisionInfo {
    std::int64_t revision = 0;
    std::string action;  // create, update, delete, restore, import
    std::string author;
    std::string created_at;
    std::size_t groups = 0;
};

enum class TokenRole { editor, admin };

struct TokenInfo {
    std::string name;
    TokenRole role = TokenRole::editor;
    std::string created_at;
    std::string last_used_at;  // empty if never used
    std::string revoked_at;    // empty if active
};

class Store {
  public:
    enum class Mode { create_if_missing, must_exist };

    // Opens (and migrates) DIR/catalog.sqlite. With must_exist, a missing or
    // unreadable file is a StoreError naming it.
    Store(const std::filesystem::path& data_dir, Mode mode);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    static std::filesystem::path file_in(const std::filesystem::path& data_dir);
    const std::filesystem::path& path() const { return path_; }
    // The data folder is on a read-only file system: reads work, every write
    // is StoreUnavailable.
    bool read_only() const { return read_only_; }
    int schema_version() const;

    // Reads. find() includes deleted entries; callers decide what to show.
    std::optional<StoredEntry> find(std::string_view slug) const;
    std::vector<RevisionInfo> revisions(std::string_view slug) const;
    std::optional<Entry> revision_entry(std::string_view slug, std::int64_t revision) const;
    void for_each(const std::function<void(const StoredEntry&)>& fn,
                  bool include_deleted = false) const;
    CatalogCounts counts() const;
    // Entries for editors (drafts and deleted ones included), most recently
    // changed first, with the total matching the filter.
    std::pair<std::vector<EntrySummary>, std::size_t> list(const ListFilter& filter) const;

    // Writes. `expected_revision` is the If-Match revision: when given and not
    // the latest, RevisionConflict and nothing changes.
    StoredEntry create(const Entry& entry, const std::string& author);
    StoredEntry replace(const Entry& entry, std::optional<std::int64_t> expected_revision,
                        const std::string& author);
    // RFC 7396 merge patch of the entry's JSON, validated like any entry.
    StoredEntry patch(std::string_view slug, const nlohmann::json& merge_patch,
                      std::optional<std::int64_t> expected_revision, const std::string& author);
    StoredEntry remove(std::string_view slug, std::optional<std::int64_t> expected_revision,
                       const std::string& author);
    // Brings back revision `revision` (default: the latest live one) as a new revision.
    StoredEntry restore(std::string_view slug, std::optional<std::int64_t> revision,
                        std::optional<std::int64_t> expected_revision, const std::string& author);
    // Read, change and write in one transaction: `change` gets the live entry
    // and returns the new one (validated like any entry). No new revision
    // when it returns the entry unchanged. Photos are added and removed so.
    StoredEntry update(std::string_view slug, const std::function<Entry(Entry)>& change,
                       std::optional<std::int64_t> expected_revision, const std::string& author);
    // Every photo id any revision of any entry names (deleted entries' too):
    // the files that must stay on disk.
    std::vector<std::string> photo_ids_in_revisions() const;
    // Deletes revisions older than `before` (never the latest). Returns how many.
    std::size_t purge_revisions(std::string_view slug, std::int64_t before);

    // All-or-nothing: every entry is written in one transaction. An entry whose
    // file is unchanged since it was last imported is left alone, even if an
    // editor has changed or deleted it since.
    ImportSummary import(const std::vector<Entry>& entries, const std::optional<Synonyms>& synonyms,
                         const std::string& author);

    // The index's view: the change sequence and what changed after `seq`.
    std::int64_t change_seq() const;
    std::vector<Change> changes_since(std::int64_t seq, std::size_t limit) const;
    // A consistent snapshot of every searchable entry as stored JSON, with the
    // sequence number it corresponds to.
    std::int64_t snapshot(
        const std::function<void(std::string_view slug, std::string_view json)>& fn) const;

    Synonyms synonyms() const;
    std::int64_t synonyms_version() const;

    // Synonym groups for editors (store_synonyms.cpp). `revision` is the
    // synonyms version; `expected_revision` works as for entries
    // (RevisionConflict when stale). Each write returns the set after it.
    SynonymSet synonym_set() const;
    std::pair<SynonymSet, std::int64_t> add_synonym_group(
        const SynonymGroupInput& group, std::optional<std::int64_t> expected_revision,
        const std::string& author);  // and the new group's id
    SynonymSet update_synonym_group(std::int64_t id, const SynonymGroupInput& group,
                                    std::optional<std::int64_t> expected_revision,
                                    const std::string& author);
    SynonymSet remove_synonym_group(std::int64_t id, std::optional<std::int64_t> expected_revision,
                                    const std::string& author);
    std::vector<SynonymRevisionInfo> synonym_revisions() const;
    std::optional<SynonymSet> synonym_revision(std::int64_t revision) const;
    // Brings back the groups of `revision` as a new revision.
    SynonymSet restore_synonyms(std::int64_t revision,
                                std::optional<std::int64_t> expected_revision,
                                const std::string& author);

    // Editor tokens: only SHA-256 hashes are stored.
    std::string create_token(const std::string& name, TokenRole role);  // returns the token, once
    std::vector<TokenInfo> tokens() const;
    void revoke_token(const std::string& name);
    // The active token matching `token`, compared in constant time; marks it used.
    std::optional<TokenInfo> authenticate(const std::string& token);

  private:
    template <typename F>
    auto write(F&& fn);
    StoredEntry write_version(const Entry& entry, const std::optional<StoredEntry>& current,
                              bool deleted, const std::string& action, const std::string& author);
    std::optional<StoredEntry> find_locked(std::string_view slug) const;
    std::unique_ptr<SQLite::Database> open_reader() const;
    std::int64_t next_seq();
    void migrate();
    SynonymSet synonym_set_locked() const;
    // Records the groups table as a new synonyms revision (meta 'synonyms',
    // the version the index follows, the revision row).
    SynonymSet commit_synonyms_locked(const std::string& action, const std::string& author);
    // Import's part for synonyms: what ImportSummary says about them.
    void import_synonyms_locked(const Synonyms& groups, const std::string& author,
                                ImportSummary& summary);

    std::filesystem::path path_;
    bool read_only_ = false;
    mutable std::mutex mutex_;
    std::unique_ptr<SQLite::Database> db_;
    // counts() reads every entry row (bodies and all); /healthz asks for it on
    // every probe. Entries change only with the change sequence, so the last
    // answer is kept with the sequence it was read at.
    mutable std::optional<std::pair<std::int64_t, CatalogCounts>> counts_cache_;
};

std::string_view to_string(TokenRole role);
std::optional<TokenRole> parse_token_role(std::string_view s);

}  // namespace lc
