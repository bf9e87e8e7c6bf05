#include "searcher/sliced_match.hpp"

#include <algorithm>
#include <exception>
#include <future>
#include <memory>

#include "searcher/docid_slice.hpp"

namespace newsearch {

namespace {

// True when a ranks before b in a single match's order.
bool ranks_before(const Xapian::MSetIterator& a, const Xapian::MSetIterator& b, SliceOrder order) {
  if (order != SliceOrder::kRelevance) {
    const std::string ka = a.get_sort_key(), kb = b.get_sort_key();
    if (ka != kb) return order == SliceOrder::kKeyDescending ? ka > kb : ka < kb;
  }
  if (a.get_weight() != b.get_weight()) return a.get_weight() > b.get_weight();
  return *a < *b;  // Xapian's tie-break: the lower document id first
}

}  // namespace

bool slicing_pays(const Xapian::Query& query) {
  const auto op = query.get_type();
  const std::size_t n = query.get_num_subqueries();
  if (op == Xapian::Query::OP_PHRASE || op == Xapian::Query::OP_NEAR || (op == Xapian::Query::OP_AND && n > 1))
    return true;
  for (std::size_t i = 0; i < n; ++i)
    if (slicing_pays(query.get_subquery(i))) return true;
  return false;
}

SlicedMatch sliced_match(const std::vector<Xapian::Database>& handles, const Xapian::Query& query,
                         const EnquireSetup& setup, SliceOrder order, bool collapse, Xapian::doccount first,
                         Xapian::doccount count) {
  const auto slices = static_cast<unsigned>(handles.size());
  // Xapian's reference counts are not atomic: every thread gets its own copy of the query,
  // made here (serialised and read back), and its own Enquire, all set up before any starts.
  const std::string serialised = query.serialise();
  std::vector<std::unique_ptr<Xapian::Enquire>> enquires;
  for (unsigned i = 0; i < slices; ++i) {
    const Xapian::Query own = i == 0 ? query : Xapian::Query::unserialise(serialised);
    auto e = std::make_unique<Xapian::Enquire>(handles[i]);
    e->set_query(Xapian::Query(Xapian::Query::OP_FILTER, own, Xapian::Query((new DocidSlice(i, slices))->release())));
    setup(*e);
    enquires.push_back(std::move(e));
  }
  // Every hit of the merged page is among the best first + count of its own slice (a hit
  // ranks at least as high in its slice as among all), collapsed clusters included.
  const Xapian::doccount depth = first + count;
  std::vector<std::future<Xapian::MSet>> others;
  for (unsigned i = 1; i < slices; ++i)
    others.push_back(std::async(std::launch::async, [&e = *enquires[i], depth] { return e.get_mset(0, depth); }));
  std::vector<Xapian::MSet> msets;
  std::exception_ptr failed;
  try {
    msets.push_back(enquires[0]->get_mset(0, depth));
  } catch (...) {
    failed = std::current_exception();
  }
  for (auto& f : others) {  // every thread is waited for before anything is rethrown
    try {
      msets.push_back(f.get());
    } catch (...) {
      if (!failed) failed = std::current_exception();
    }
  }
  if (failed) std::rethrow_exception(failed);

  SlicedMatch out;
  std::vector<Xapian::MSetIterator> at;
  for (const auto& m : msets) {
    at.push_back(m.begin());
    out.lower += m.get_matches_lower_bound();
    out.upper += m.get_matches_upper_bound();
    // A slice that saw all its matches knows their number; otherwise its estimate is the
    // whole database's (DocidSlice claims every id), of which the slice holds its share.
    const bool seen_all = m.get_matches_lower_bound() == m.get_matches_upper_bound();
    out.estimated += seen_all ? m.get_matches_estimated() : m.get_matches_estimated() / slices;
    out.uncollapsed_estimated +=
        seen_all ? m.get_uncollapsed_matches_estimated() : m.get_uncollapsed_matches_estimated() / slices;
  }
  std::unordered_map<std::string, Xapian::docid> cluster_hit;  // collapse key -> its hit
  Xapian::doccount merged_away = 0;
  std::vector<Xapian::MSetIterator> ranked;
  while (ranked.size() < depth) {
    int best = -1;
    for (unsigned i = 0; i < slices; ++i)
      if (at[i] != msets[i].end() && (best < 0 || ranks_before(at[i], at[best], order))) best = static_cast<int>(i);
    if (best < 0) break;
    const Xapian::MSetIterator it = at[best]++;
    const std::string key = collapse ? it.get_collapse_key() : std::string();
    if (!key.empty()) {
      const Xapian::doccount also = it.get_collapse_count();
      if (auto seen = cluster_hit.find(key); seen != cluster_hit.end()) {
        auto& [similar, hit_key] = out.collapsed[seen->second];  // a member of an earlier hit's cluster
        similar += also + 1;
        hit_key = key;
        ++merged_away;
        continue;
      }
      cluster_hit.emplace(key, *it);
      if (also > 0) out.collapsed[*it] = {also, key};
    }
    ranked.push_back(it);
  }
  // Clusters across slices were counted once in each: the ones seen are taken off; others
  // may remain, so with collapsing only the sum's upper bound is sure.
  out.estimated = out.estimated > merged_away ? out.estimated - merged_away : 0;
  out.upper = out.upper > merged_away ? out.upper - merged_away : 0;
  if (collapse) {
    Xapian::doccount lower = static_cast<Xapian::doccount>(ranked.size());
    for (const auto& m : msets) lower = std::max(lower, m.get_matches_lower_bound());
    out.lower = lower;
  }
  // Xapian's bounds for the whole query, from term statistics alone (no posting read), may
  // be tighter than the slices' sums: exact, for one word uncollapsed.
  Xapian::Enquire whole(handles[0]);
  whole.set_query(query);
  setup(whole);
  const Xapian::MSet bounds = whole.get_mset(0, 0);
  out.lower = std::max(out.lower, bounds.get_matches_lower_bound());
  out.upper = std::min(out.upper, bounds.get_matches_upper_bound());
  out.lower = std::min(out.lower, out.upper);
  out.estimated = std::clamp(out.estimated, out.lower, out.upper);
  if (ranked.size() > first) out.hits.assign(ranked.begin() + first, ranked.end());
  out.weights = msets[0];
  if (!ranked.empty())
    for (unsigned i = 0; i < slices; ++i)
      if (msets[i].size() > 0 && *msets[i].begin() == *ranked.front()) out.weights = msets[i];
  return out;
}

SlicedMatch whole_match(const Xapian::MSet& mset, bool collapse) {
  SlicedMatch out;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    out.hits.push_back(it);
    if (collapse && it.get_collapse_count() > 0) out.collapsed[*it] = {it.get_collapse_count(), it.get_collapse_key()};
  }
  out.lower = mset.get_matches_lower_bound();
  out.estimated = mset.get_matches_estimated();
  out.upper = mset.get_matches_upper_bound();
  out.uncollapsed_estimated = mset.get_uncollapsed_matches_estimated();
  out.weights = mset;
  return out;
}

}  // namespace newsearch
