#pragma once
// A large match on more than one core: the same query over k slices of the document ids
// (DocidSlice), each on its own thread and its own handle of the same databases, merged
// into the page a single match gives (Lucene's IndexSearcher does the same with segment
// slices). Xapian 1.4 matches on one thread; its handles are not shared between threads.
#include <xapian.h>

#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace newsearch {

/// How a match orders its hits: by weight, or by sort key (then weight) as Xapian's
/// set_sort_by_value_then_relevance does.
enum class SliceOrder { kRelevance, kKeyDescending, kKeyAscending };

struct SlicedMatch {
  std::vector<Xapian::MSetIterator> hits;  ///< ranks first .. first + count - 1, best first
  /// Every hit that stands for others (collapsing): how many, and the collapse key.
  std::unordered_map<Xapian::docid, std::pair<Xapian::doccount, std::string>> collapsed;
  Xapian::doccount lower = 0;      ///< bounds and estimate of the number of (collapsed) matches
  Xapian::doccount estimated = 0;
  Xapian::doccount upper = 0;
  Xapian::doccount uncollapsed_estimated = 0;  ///< the estimate before collapsing
  Xapian::MSet weights;  ///< the MSet of the best hit's slice: term weights for snippets
};

/// Configures an Enquire (weighting, collapse key, sort, time limit) for one slice.
using EnquireSetup = std::function<void(Xapian::Enquire&)>;

/// Whether slicing `query` can pay: the filter that makes a slice costs about as much per
/// candidate as a plain word's posting does (measured at a million articles: a slice of a
/// frequent word took as long as the whole word), so a match sped up by slices is one
/// whose candidates cost more than that: phrases and NEAR (positions), and words ANDed.
bool slicing_pays(const Xapian::Query& query);

/// Runs `query` over handles.size() slices, slice i on handles[i] (the same databases,
/// opened once for each thread; handles[0] is searched on the calling thread), and merges
/// the slices' best first + count. Collapsing: a cluster with members in two slices is one hit.
/// The totals are the slices' sums, bounded by Xapian's bounds for the whole query.
/// Exceptions of any slice (DatabaseModifiedError...) are rethrown here.
SlicedMatch sliced_match(const std::vector<Xapian::Database>& handles, const Xapian::Query& query,
                         const EnquireSetup& setup, SliceOrder order, bool collapse, Xapian::doccount first,
                         Xapian::doccount count);

/// One Enquire's page in the same form: its hits, those that stand for others (collapsing),
/// its numbers, and the MSet itself for the term weights.
SlicedMatch whole_match(const Xapian::MSet& mset, bool collapse);

}  // namespace newsearch
