#include "indexer/champion_builder.hpp"

#include <algorithm>
#include <queue>
#include <string>
#include <utility>
#include <vector>

#include "common/champion_lists.hpp"

namespace newsearch {
namespace {

// A term's best kChampionsPerTerm documents by tf part, and the best tf part left out.
ChampionList best_documents(const Xapian::Database& db, const std::string& term, double average_length,
                            const std::vector<Xapian::termcount>& lengths) {
  struct Scored {
    double tf_part;
    Champion champion;
    bool operator>(const Scored& o) const { return tf_part > o.tf_part; }
  };
  // Kept: a min-heap of the best so far; its top is the weakest kept.
  std::priority_queue<Scored, std::vector<Scored>, std::greater<Scored>> kept;
  double best_left_out = 0;
  for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
    const Xapian::termcount wdf = p.get_wdf(), length = lengths.empty() ? p.get_doclength() : lengths[*p];
    const Scored s{bm25_tf_part(wdf, length, average_length), {*p, wdf, length}};
    if (kept.size() < kChampionsPerTerm) {
      kept.push(s);
    } else if (s.tf_part > kept.top().tf_part) {
      best_left_out = std::max(best_left_out, kept.top().tf_part);
      kept.pop();
      kept.push(s);
    } else {
      best_left_out = std::max(best_left_out, s.tf_part);
    }
  }
  ChampionList list;
  list.average_length = average_length;
  // A document left out may tie with the weakest kept: the threshold is the best left out,
  // and a search trusts the list only for hits that weigh strictly more.
  list.threshold = best_left_out;
  for (; !kept.empty(); kept.pop()) list.champions.push_back(kept.top().champion);
  std::sort(list.champions.begin(), list.champions.end(),
            [](const Champion& a, const Champion& b) { return a.docid < b.docid; });
  return list;
}

}  // namespace

bool refresh_champion_lists(Xapian::WritableDatabase& db, const std::function<void()>& before_making) {
  const std::string uuid = db.get_uuid();
  const Xapian::rev revision = db.get_revision();
  const std::string next_stamp = champion_stamp(uuid, revision + 1);
  if (champion_lists_current(db)) {
    db.set_metadata(std::string(kMetaChampions), next_stamp);
    return false;
  }
  if (before_making) before_making();
  // No search may trust the old lists from here on, whatever happens next.
  db.set_metadata(std::string(kMetaChampions), "");
  std::vector<std::string> old_keys;
  const std::string prefix(kMetaChampionPrefix);
  for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) old_keys.push_back(*k);
  for (const auto& k : old_keys) db.set_metadata(k, "");

  const double average_length = db.get_avlength();
  // Every document's length, read once in id order: a posting's own get_doclength() looks
  // the length up in its table each time, most of the time spent at a million articles.
  // (Where ids are sparse, after years of deletions, the table would be mostly holes: the
  // lengths are then looked up per posting, slower but in bounded memory.)
  std::vector<Xapian::termcount> lengths;
  const Xapian::docid last = db.get_lastdocid();
  if (last <= 4ull * db.get_doccount() + 1000000) {
    lengths.resize(last + 1);
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) lengths[*p] = p.get_doclength();
  }
  // Terms longer than this would make a metadata key past Xapian's limit.
  constexpr std::size_t kLongestTerm = 200;
  // The words first, then each list written as it is made (the metadata lives in the table
  // the terms are walked in; and a million articles' lists take 75 MB).
  std::vector<std::string> words;
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
    if (t.get_termfreq() < kChampionsFromTermfreq) continue;
    const std::string term = *t;
    // Filter terms (dates, ids, clusters) weigh nothing: no search ranks by them.
    if (term.size() > kLongestTerm || db.get_collection_freq(term) == 0) continue;
    words.push_back(term);
  }
  for (const auto& term : words)
    db.set_metadata(prefix + term, best_documents(db, term, average_length, lengths).serialise());
  db.set_metadata(std::string(kMetaChampions), next_stamp);
  return true;
}

}  // namespace newsearch
