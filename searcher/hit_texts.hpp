#pragma once
// A page's articles and snippets. Reading an article (Xapian inflates its data) and making
// its snippet (Xapian's MSet::snippet) are most of a search for a name or a rare word, and
// independent from hit to hit: given a second handle on the same revision, the second half
// of the page is made on another thread. That thread has its own copy of the query, its own
// MSet for the term weights and its own stemmer: Xapian's objects and libstemmer's are not
// shared across threads (their reference counts are not atomic).
#include <xapian.h>

#include <map>
#include <string>
#include <vector>

#include "common/analyzer.hpp"
#include "common/stored_article.hpp"
#include "searcher/worker_thread.hpp"

namespace newsearch {

struct HitText {
  StoredArticle article;
  std::string snippet;  ///< HTML-escaped, the matched words in <mark>…</mark>
};

/// How snippets are made: which words to look for, how long, weighted by which query.
struct SnippetSpec {
  Xapian::Query weights_query;      ///< `weights` below is an MSet of this query
  std::vector<std::string> probes;  ///< snippet_probes() of the shown query
  std::size_t bytes = 220;          ///< the snippet's length
  std::map<std::string, std::string> name_variants;  ///< BuiltQuery::name_variants
};

/// A second thread's means: the thread, another handle on the open revision, and an
/// analyzer of the database's language, none of them used by another thread meanwhile. (The
/// handle is not copied here: the thread may still be using it for an earlier task.)
struct HitTextHelper {
  WorkerThread* thread = nullptr;
  const Xapian::Database* db = nullptr;
  const Analyzer* analyzer = nullptr;
};

/// Whether a page of `hits` is worth a second thread (waking it, its second MSet).
bool two_threads_pay(std::size_t hits);

/// The article and snippet of each of `ids`, in order: read from `db`, the snippets weighted
/// by `weights` and stemmed by `analyzer`'s stemmer. With `helper`, the second half of the
/// ids on a second thread. Throws what Xapian throws (DatabaseModifiedError: a retry's work),
/// after both threads are done.
std::vector<HitText> hit_texts(const std::vector<Xapian::docid>& ids, const Xapian::Database& db,
                               const Xapian::MSet& weights, const Analyzer& analyzer, const SnippetSpec& spec,
                               const HitTextHelper* helper);

}  // namespace newsearch
