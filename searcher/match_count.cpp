#include "searcher/match_count.hpp"

namespace newsearch {

MatchCount count_matches(const Xapian::Database& db, const Xapian::Query& query, Xapian::valueno collapse_slot,
                         Xapian::doccount at_least) {
  Xapian::Enquire counter(db);
  counter.set_query(query);
  counter.set_weighting_scheme(Xapian::BoolWeight());
  if (collapse_slot != Xapian::BAD_VALUENO) counter.set_collapse_key(collapse_slot);
  const Xapian::MSet all = counter.get_mset(0, 0, at_least);
  return {all.get_matches_lower_bound(), all.get_matches_estimated(), all.get_matches_upper_bound(),
          all.get_uncollapsed_matches_estimated()};
}

}  // namespace newsearch
