#pragma once
// How many documents a query matches, where a search stopped before it had seen them all.
// Xapian 1.4 guesses: words ANDed as if they were independent ("interest rates" as words:
// 343 for 916 on the shared corpora), a phrase as half its words' count, far off for words
// that stand together ("mln dlrs" 700 for 3,806; at a million articles "interest rates"
// 30,000 for 104,067). The query is counted exactly over a sample of the document ids (runs
// spread over the whole id range: an archive's ids follow its folders, so topics cluster)
// and the count scaled up.
#include <xapian.h>

#include <string>

namespace newsearch {

/// Runs of document ids spread evenly over each database's id range, covering about `share`
/// of it, as a posting source to filter with. Its term frequency is its true size, so that
/// it drives an AND and the other posting lists skip to its runs.
class DocidSample : public Xapian::PostingSource {
 public:
  DocidSample(unsigned runs, double share);

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return size_; }
  Xapian::doccount get_termfreq_max() const override { return size_; }
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return at_end_; }
  Xapian::docid get_docid() const override { return current_; }
  DocidSample* clone() const override { return new DocidSample(runs_, share_); }
  std::string get_description() const override;

 private:
  void settle();  // onto the first id at or after current_ that is in a run
  Xapian::docid run_start(unsigned long long run) const;
  Xapian::docid run_end(unsigned long long run) const;  ///< the run's last id

  unsigned runs_;
  double share_;
  Xapian::docid last_ = 0;
  Xapian::doccount size_ = 0;
  Xapian::docid current_ = 0;  ///< 0: before the first
  bool at_end_ = false;
};

/// Whether Xapian's estimate of `query`'s matches is a guess worth replacing by a sample:
/// not for one term (its count is known), nor with a wildcard or more than 16 terms (every
/// run of the sample costs each posting list a seek).
bool worth_sampling(const Xapian::Query& query);

/// About how many documents of `db` match `query`, uncollapsed: counted over a DocidSample
/// sized so that about `sample_candidates` of the `possible` candidates fall in it (35% of
/// the ids at most), then scaled up. Not for remote databases.
Xapian::doccount sampled_match_count(const Xapian::Database& db, const Xapian::Query& query,
                                     Xapian::doccount possible, Xapian::doccount sample_candidates = 700);

}  // namespace newsearch
