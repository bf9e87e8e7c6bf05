#include "searcher/champion_match.hpp"

#include <algorithm>

#include "searcher/champion_source.hpp"
#include "searcher/composite_ids.hpp"

namespace newsearch {

namespace {

// The leaf (the sole weighted term, first subquery all the way down) replaced by `with`.
Xapian::Query replace_weighted_leaf(const Xapian::Query& query, const Xapian::Query& with) {
  if (query.get_type() == Xapian::Query::LEAF_TERM) return with;
  std::vector<Xapian::Query> subqueries{replace_weighted_leaf(query.get_subquery(0), with)};
  for (std::size_t i = 1; i < query.get_num_subqueries(); ++i) subqueries.push_back(query.get_subquery(i));
  return Xapian::Query(query.get_type(), subqueries.begin(), subqueries.end());
}

// The terms whose weights add up to the query's, once per occurrence; false where the
// weight is anything else (synonyms, wildcards, scaled or external weights).
bool weighted_occurrences(const Xapian::Query& query, std::vector<std::string>& out) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
      out.push_back(*query.get_terms_begin());
      return true;
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_AND_NOT:
      return query.get_num_subqueries() > 0 && weighted_occurrences(query.get_subquery(0), out);
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR:
    case Xapian::Query::OP_MAX:  // at most the sum
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
        if (!weighted_occurrences(query.get_subquery(i), out)) return false;
      return query.get_num_subqueries() > 0;
    case Xapian::Query::OP_SCALE_WEIGHT:
      // The parser's boolean filters (`person:` ranked by the name's words: "0 * XPW..."
      // AND_MAYBE the words) weigh nothing; Xapian 1.4 shows the factor in the description
      // only ("<factor> * <subquery>").
      return query.get_description().rfind("Query(0 * ", 0) == 0;
    default:
      return false;
  }
}

// The champion list of term in part, checked current by the caller.
std::optional<ChampionList> list_of(const Xapian::Database& part, const std::string& term) {
  auto list = ChampionList::unserialise(part.get_metadata(std::string(kMetaChampionPrefix) + term));
  // Ids past the last one would send Xapian after articles that are not there: a damaged
  // list is no list (the search then runs whole).
  if (list && !list->champions.empty() && list->champions.back().docid > part.get_lastdocid()) return std::nullopt;
  return list;
}

// A document left out had a tf part at most the list's threshold at the list's average
// length; at a larger average length (the database grew, or shards searched as one) it can
// be larger, by that ratio at most: the length is divided by the average, the wdf is not.
double drift(const ChampionList& list, double average_length) {
  return list.average_length > 0 ? std::max(1.0, average_length / list.average_length) : 1.0;
}

}  // namespace

std::optional<CandidatePlan> candidate_plan(const std::vector<Xapian::Database>& parts, const Xapian::Database& db,
                                            const Xapian::Query& query) {
  std::vector<std::string> occurrences;
  if (parts.empty() || !weighted_occurrences(query, occurrences)) return std::nullopt;
  for (const auto& part : parts)
    if (!champion_lists_current(part)) return std::nullopt;
  std::vector<std::string> terms = occurrences;
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  const double average_length = db.get_avlength();
  const auto n = static_cast<Xapian::docid>(parts.size());
  CandidatePlan plan;
  for (const auto& term : terms) {
    double threshold = 0;  // the term's tf part left out, at most, over the parts
    for (Xapian::docid i = 0; i < n; ++i) {
      const Xapian::Database& part = parts[i];
      if (const auto list = list_of(part, term)) {
        threshold = std::max(threshold, list->threshold * drift(*list, average_length));
        for (const Champion& c : list->champions) plan.docids.push_back(composite_id(c.docid, i, n));
      } else if (part.get_termfreq(term) < kChampionsFromTermfreq) {
        // Too rare here for a list: all its articles are candidates, none is left out.
        for (auto p = part.postlist_begin(term); p != part.postlist_end(term); ++p)
          plan.docids.push_back(composite_id(*p, i, n));
      } else {
        return std::nullopt;  // frequent without a list: not from this indexer
      }
    }
    const auto times = std::count(occurrences.begin(), occurrences.end(), term);
    plan.weight_bound += static_cast<double>(times) * threshold *
                         bm25_term_weight(db.get_doccount(), db.get_termfreq(term), 1);
  }
  std::sort(plan.docids.begin(), plan.docids.end());
  plan.docids.erase(std::unique(plan.docids.begin(), plan.docids.end()), plan.docids.end());
  plan.weight_bound *= kChampionTieMargin;
  return plan;
}

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
    if (!champion_lists_current(part)) return std::nullopt;
    const auto list = list_of(part, plan.term);
    if (!list) return std::nullopt;  // a term too rare here for a list: weigh it whole
    plan.bound = std::max(plan.bound, list->threshold * drift(*list, average_length));
    for (Champion c : list->champions) {
      c.docid = composite_id(c.docid, i, n);
      plan.champions.push_back(c);
    }
  }
  std::sort(plan.champions.begin(), plan.champions.end(),
            [](const Champion& a, const Champion& b) { return a.docid < b.docid; });
  plan.termweight = bm25_term_weight(db.get_doccount(), db.get_termfreq(plan.term), 1);
  return plan;
}

Xapian::Query champion_query(const Xapian::Query& query, const ChampionPlan& plan, const Xapian::Database& db,
                             const std::vector<std::string>& shard_uuids) {
  auto* source = new ChampionSource(plan.champions, shard_uuids, plan.termweight, db.get_avlength());
  return replace_weighted_leaf(query, Xapian::Query(source->release()));
}

}  // namespace newsearch
