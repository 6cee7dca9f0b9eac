// A fixed set of documents as a Xapian query: the shortlist that the second
// ranking pass re-ranks (see Searcher::search). Boolean: it adds no weight.
#pragma once

#include <vector>

#include <xapian.h>

namespace lc {

class DocidSet : public Xapian::PostingSource {
  public:
    // `ids` in any order; duplicates are dropped.
    explicit DocidSet(std::vector<Xapian::docid> ids);

    void init(const Xapian::Database& db) override;
    Xapian::doccount get_termfreq_min() const override { return count(); }
    Xapian::doccount get_termfreq_est() const override { return count(); }
    Xapian::doccount get_termfreq_max() const override { return count(); }
    void next(double min_weight) override;
    void skip_to(Xapian::docid did, double min_weight) override;
    bool at_end() const override;
    Xapian::docid get_docid() const override;
    Xapian::PostingSource* clone() const override;

  private:
    Xapian::doccount count() const { return static_cast<Xapian::doccount>(ids_.size()); }

    std::vector<Xapian::docid> ids_;  // ascending
    std::size_t at_ = 0;
    bool started_ = false;
};

}  // namespace lc
