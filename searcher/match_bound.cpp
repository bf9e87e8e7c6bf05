#include "searcher/match_bound.hpp"

#include <algorithm>

namespace newsearch {

Xapian::doccount match_upper_bound(const Xapian::Query& query, const Xapian::Database& db) {
  const Xapian::doccount all = db.get_doccount();
  const std::size_t n = query.get_num_subqueries();
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM: {
      auto t = query.get_terms_begin();
      return t == query.get_terms_end() ? all : db.get_termfreq(*t);
    }
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return 0;
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR: {
      Xapian::doccount bound = all;
      for (std::size_t i = 0; i < n; ++i) bound = std::min(bound, match_upper_bound(query.get_subquery(i), db));
      return bound;
    }
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_SYNONYM: {
      Xapian::doccount bound = 0;
      for (std::size_t i = 0; i < n && bound < all; ++i) bound += match_upper_bound(query.get_subquery(i), db);
      return std::min(bound, all);
    }
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      return n > 0 ? match_upper_bound(query.get_subquery(0), db) : all;
    default:
      return all;
  }
}

}  // namespace newsearch
