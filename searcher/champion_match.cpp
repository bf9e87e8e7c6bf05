#include "searcher/champion_match.hpp"

#include <algorithm>

#include "searcher/champion_source.hpp"

namespace newsearch {

namespace {

// The leaf (the sole weighted term, first subquery all the way down) replaced by `with`.
Xapian::Query replace_weighted_leaf(const Xapian::Query& query, const Xapian::Query& with) {
  if (query.get_type() == Xapian::Query::LEAF_TERM) return with;
  std::vector<Xapian::Query> subqueries{replace_weighted_leaf(query.get_subquery(0), with)};
  for (std::size_t i = 1; i < query.get_num_subqueries(); ++i) subqueries.push_back(query.get_subquery(i));
  return Xapian::Query(query.get_type(), subqueries.begin(), subqueries.end());
}

}  // namespace

std::string sole_weighted_term(const Xapian::Query& query) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return *query.get_terms_begin();
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_AND_NOT:
      // The first subquery weighs; the others only filter.
      return query.get_num_subqueries() > 0 ? sole_weighted_term(query.get_subquery(0)) : std::string();
    default:
      return {};
  }
}

std::optional<ChampionPlan> champion_plan(const std::vector<Xapian::Database>& parts, const Xapian::Database& db,
                                          const Xapian::Query& query) {
  ChampionPlan plan;
  plan.term = sole_weighted_term(query);
  if (plan.term.empty() || parts.empty()) return std::nullopt;
  const double average_length = db.get_avlength();
  const auto n = static_cast<Xapian::docid>(parts.size());
  for (Xapian::docid i = 0; i < n; ++i) {
    const Xapian::Database& part = parts[i];
    if (part.get_metadata(std::string(kMetaChampions)) != champion_stamp(part.get_uuid(), part.get_revision()))
      return std::nullopt;
    const auto list = ChampionList::unserialise(part.get_metadata(std::string(kMetaChampionPrefix) + plan.term));
    if (!list) return std::nullopt;  // a term too rare here for a list: weigh it whole
    // A document left out had a tf part at most the threshold at the list's average length;
    // at a larger average length it can be larger, by that ratio at most (the length is
    // divided by the average, the wdf is not).
    const double drift = list->average_length > 0 ? std::max(1.0, average_length / list->average_length) : 1.0;
    plan.bound = std::max(plan.bound, list->threshold * drift);
    for (Champion c : list->champions) {
      c.docid = (c.docid - 1) * n + i + 1;
      plan.champions.push_back(c);
    }
  }
  std::sort(plan.champions.begin(), plan.champions.end(),
            [](const Champion& a, const Champion& b) { return a.docid < b.docid; });
  return plan;
}

Xapian::Query champion_query(const Xapian::Query& query, const ChampionPlan& plan, const Xapian::Database& db,
                             const std::vector<std::string>& shard_uuids) {
  const double termweight = bm25_term_weight(db.get_doccount(), db.get_termfreq(plan.term), 1);
  auto* source = new ChampionSource(plan.champions, shard_uuids, termweight, db.get_avlength());
  return replace_weighted_leaf(query, Xapian::Query(source->release()));
}

double champion_weight_bound(const ChampionPlan& plan, const Xapian::Database& db) {
  const double termweight = bm25_term_weight(db.get_doccount(), db.get_termfreq(plan.term), 1);
  // Strictly more, with a margin for rounding: a document left out with the threshold's
  // own tf part could tie, and a tie is ranked by document id.
  return termweight * plan.bound * (1 + 1e-9);
}

}  // namespace newsearch
