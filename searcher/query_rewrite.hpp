#pragma once
// Rewriting parts of a parsed query while keeping its weights.
#include <xapian.h>

#include <functional>
#include <optional>

namespace newsearch {

/// Returns a node's replacement, or nullopt to leave the node to the walk.
using QueryRewrite = std::function<std::optional<Xapian::Query>(const Xapian::Query&)>;

/// The query with `rewrite` applied to the root and to every subquery reached through
/// operators that add up (or take the greatest of) their subqueries' weights and take no
/// parameter (AND, OR, AND_NOT, XOR, AND_MAYBE, FILTER, MAX): rebuilt with the same
/// operator, the weights stay. Other operators (NEAR, synonyms, scaled weights, wildcards)
/// are left whole: Xapian 1.4 does not give their parameters back. A node nothing under
/// was rewritten is returned as it was.
Xapian::Query rewrite_query(const Xapian::Query& query, const QueryRewrite& rewrite);

}  // namespace newsearch
