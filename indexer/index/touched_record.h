// Which documents each batch of apply_changes touched, kept in the index's
// metadata beside the batch, so that a reader moving from one revision to a
// later one can keep what the change left as it was (index_snapshot.h).
//
// One record per committed batch, keyed by the revision the batch started
// from; a batch is one transaction, so it makes the next revision. A gap in
// the records (a rebuild, a batch too large to record, a writer that does
// not record) means the reader cannot know what changed and starts cold.
#pragma once

#include <optional>
#include <vector>

#include <xapian.h>

namespace lc {

struct TouchedDocuments {
    std::vector<Xapian::docid> ids;  // replaced and deleted (their old id), added (their new id)
    // Some document was added or deleted, or a replaced one's values (facets,
    // sort keys, location) differ: per-document value tables must be rebuilt.
    bool values_changed = false;
};

// Records what the batch that `db` (in its transaction, at `base`) is
// committing touched, and forgets the record of kRecordsKept batches ago.
void record_touched(Xapian::WritableDatabase& db, Xapian::rev base,
                    const TouchedDocuments& touched);

// What the batches from revision `from` to revision `to` of `db` touched
// together; nothing when a record between them is missing.
std::optional<TouchedDocuments> touched_between(const Xapian::Database& db, Xapian::rev from,
                                                Xapian::rev to);

// Whether `before` and `after` give the facet table the same inputs: the same
// values in every slot and the same month terms (the month facet reads
// posting lists, not values).
bool same_facet_inputs(const Xapian::Document& before, const Xapian::Document& after);

}  // namespace lc
