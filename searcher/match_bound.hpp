#pragma once
// An upper bound on how many documents a query can match, from term frequencies alone
// (no posting list is read): what decides whether the phrase boost needs its window.
#include <xapian.h>

namespace newsearch {

/// At most this many documents of db match query (db.get_doccount() where the query's
/// shape gives no tighter bound: value ranges, wildcards, posting sources).
Xapian::doccount match_upper_bound(const Xapian::Query& query, const Xapian::Database& db);

}  // namespace newsearch
