#include "searcher/hit_texts.hpp"

#include <atomic>
#include <exception>
#include <memory>

#include "common/champion_lists.hpp"
#include "searcher/snippet_passage.hpp"

namespace newsearch {

namespace {

// The snippet is the passage of its length where the query's words are densest, from the
// start of a sentence (snippet_passage.hpp), which Xapian highlights; when the byte scan
// finds none of them, it is chosen from the first kSnippetWindow bytes (a match in the first
// few kilobytes is what a reader wants anyway). Xapian's snippet costs about 270
// instructions a byte of text: a passage of 5/4 of the snippet's length, for Xapian to choose
// from, cost 19% more of them (5% of a search's), for snippets that started a sentence less
// often; twice the length, another 8% of a search's.
constexpr std::size_t kSnippetWindow = 6000;
constexpr const char* kEllipsis = "\xE2\x80\xA6";

std::string snippet_of(const StoredArticle& article, const Xapian::MSet& weights, const Xapian::Stem& stem,
                       const SnippetSpec& spec) {
  const Passage passage =
      snippet_passage(article.body, spec.probes, spec.bytes, kSnippetWindow);
  std::string snippet = weights.snippet(std::string(passage.text), spec.bytes, stem,
                                        Xapian::MSet::SNIPPET_CJK_NGRAM,  // no background model: it looks up every word's frequency
                                        "<mark>", "</mark>", kEllipsis);
  snippet = snippet_from_word_start(snippet, passage.text, kEllipsis);
  // Xapian saw only the passage: say where the article goes on before or after it.
  if (passage.cut_before && !snippet.starts_with(kEllipsis)) snippet.insert(0, kEllipsis);
  if (passage.cut_after && !snippet.ends_with(kEllipsis)) snippet += kEllipsis;
  return snippet;
}

// Makes the texts of the hits it claims, one at a time, until none is left.
void make_texts(const std::vector<Xapian::docid>& ids, std::atomic<std::size_t>& next, const Xapian::Database& db,
                const Xapian::MSet& weights, const Xapian::Stem& stem, const SnippetSpec& spec,
                std::vector<HitText>& out) {
  for (std::size_t i; (i = next.fetch_add(1)) < ids.size();) {
    HitText& hit = out[i];
    hit.article = StoredArticle::unserialise(db.get_document(ids[i], Xapian::DOC_ASSUME_VALID).get_data());
    hit.snippet = snippet_of(hit.article, weights, stem, spec);
  }
}

}  // namespace

bool two_threads_pay(std::size_t hits) { return hits >= 4; }

std::vector<HitText> hit_texts(const std::vector<Xapian::docid>& ids, const Xapian::Database& db,
                               const Xapian::MSet& weights, const Analyzer& analyzer, const SnippetSpec& spec,
                               const HitTextHelper* helper) {
  std::vector<HitText> out(ids.size());
  const Xapian::Stem stem = snippet_stemmer(analyzer.stemmer(), analyzer.language(), spec.probes, spec.name_variants);
  std::atomic<std::size_t> next{0};  // the next hit to be claimed, by either thread
  std::string serialised;             // the second thread's copy of the query, or none
  if (helper && two_threads_pay(ids.size())) {
    try {
      serialised = spec.weights_query.serialise();
    } catch (const Xapian::UnimplementedError&) {  // a posting source that cannot be copied
    }
  }
  if (serialised.empty()) {
    make_texts(ids, next, db, weights, stem, spec, out);
    return out;
  }
  // Everything the second thread uses is its own, made here before it starts: the task
  // captures references only, so that no reference count of a Xapian object is touched on
  // both threads (the task itself may be destroyed on the worker later). The threads claim
  // hits one by one, so neither waits for the other longer than one hit; a second thread
  // that has not started by the time every hit is taken (its core busy) is called off, and
  // then touches nothing here.
  const Xapian::Query query = Xapian::Query::unserialise(serialised);
  const Xapian::Stem helper_stem = snippet_stemmer(helper->analyzer->stemmer(), helper->analyzer->language(), spec.probes,
                                                   spec.name_variants);
  const Xapian::Database& helper_db = *helper->db;  // not copied: see HitTextHelper
  enum : int { kWaiting, kStarted, kCalledOff };
  auto state = std::make_shared<std::atomic<int>>(kWaiting);
  std::future<void> second = helper->thread->run([&, state] {
    int waiting = kWaiting;
    if (!state->compare_exchange_strong(waiting, kStarted)) return;
    Xapian::Enquire enquire(helper_db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(bm25_weight());
    const Xapian::MSet own_weights = enquire.get_mset(0, 0);  // term statistics only: no posting read
    make_texts(ids, next, helper_db, own_weights, helper_stem, spec, out);
  });
  std::exception_ptr failed;
  try {
    make_texts(ids, next, db, weights, stem, spec, out);
  } catch (...) {
    failed = std::current_exception();
    next = ids.size();  // the other thread stops after its hit in hand
  }
  int waiting = kWaiting;
  if (!state->compare_exchange_strong(waiting, kCalledOff)) {
    try {
      second.get();  // started: waited for before anything is rethrown or returned
    } catch (...) {
      if (!failed) failed = std::current_exception();
    }
  }
  if (failed) std::rethrow_exception(failed);
  return out;
}

}  // namespace newsearch
