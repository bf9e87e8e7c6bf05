#include "searcher/query_rewrite.hpp"

#include <vector>

namespace newsearch {

Xapian::Query rewrite_query(const Xapian::Query& query, const QueryRewrite& rewrite) {
  if (auto replaced = rewrite(query)) return *replaced;
  switch (query.get_type()) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_MAX: {
      std::vector<Xapian::Query> parts;
      bool changed = false;
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        const Xapian::Query part = query.get_subquery(i);
        parts.push_back(rewrite_query(part, rewrite));
        changed = changed || parts.back().internal.get() != part.internal.get();
      }
      return changed ? Xapian::Query(query.get_type(), parts.begin(), parts.end()) : query;
    }
    default:
      return query;
  }
}

}  // namespace newsearch
