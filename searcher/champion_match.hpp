#pragma once
// A search weighed over the champion lists of its one weighted term first
// (common/champion_lists.hpp), and the test of whether the page it gives is exact.
#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "common/champion_lists.hpp"

namespace newsearch {

/// The term a query's whole weight comes from: a word alone, or ANDed with NOT words or
/// filters (date:, tag:) that weigh nothing. Empty for anything else.
std::string sole_weighted_term(const Xapian::Query& query);

/// A hit must weigh more than what an article left out of the lists could, times this: an
/// article with the threshold's own weight could tie, and a tie is ranked by document id;
/// the margin covers rounding between two computations.
inline constexpr double kChampionTieMargin = 1 + 1e-9;

struct ChampionPlan {
  std::string term;  ///< a leaf of the query: its within-query frequency is 1, as the parser makes them
  double termweight = 0;  ///< the term's BM25 query weight over the whole database
  std::vector<Champion> champions;  ///< the lists of every part, with ids of the whole
  /// The tf part (bm25_tf_part) above which a hit outweighs every document left out of
  /// the lists, at the whole database's average length.
  double bound = 0;

  /// The weight a page's last hit (of the ranking, collapsed) must exceed for the page to
  /// be exactly the one the whole posting list gives.
  double weight_bound() const { return termweight * bound * kChampionTieMargin; }
};

/// The champion lists of query's sole weighted term, where every part has a current one
/// (parts: the shards of the database searched, one for a single database).
std::optional<ChampionPlan> champion_plan(const std::vector<Xapian::Database>& parts, const Xapian::Database& db,
                                          const Xapian::Query& query);

/// query with its weighted term replaced by the plan's champions (ChampionSource), weighed
/// as Xapian weighs the term over db. shard_uuids: as DocidFilter takes them.
Xapian::Query champion_query(const Xapian::Query& query, const ChampionPlan& plan, const Xapian::Database& db,
                             const std::vector<std::string>& shard_uuids);

/// For a query whose weight is the sum of its words' (words ANDed or ORed, the phrase boost,
/// phrases, NEAR; with NOT words and filters): the articles that may weigh more than
/// weight_bound, every champion of its words and every article of a word too rare for a
/// list. An article outside them weighs at most weight_bound, each of its words' weights
/// being at most the word's list threshold's (a word counted as often as the query holds it).
struct CandidatePlan {
  std::vector<Xapian::docid> docids;  ///< ids of the whole, ascending
  double weight_bound = 0;
};
std::optional<CandidatePlan> candidate_plan(const std::vector<Xapian::Database>& parts, const Xapian::Database& db,
                                            const Xapian::Query& query);

}  // namespace newsearch
