#pragma once
// Duplicate clusters: each new article joins the cluster of an earlier article with the same
// normalised body or a SimHash within kNearDuplicateBits. Only clusters of two or more get
// a collapse key (kSlotDupKey): a sparse slot costs the searcher nothing for the articles
// that have no duplicate, which is nearly all of them. Thread-safe.
//
// A cluster begun in this run is keyed by its first article's id, so that its unique term
// (Q<key>) finds it beside the others' cluster term (XD<key>): when a second article joins,
// the first needs only the value, which Xapian rewrites without reading the document's
// positions back (adding a term to a written document reads them all: a minute of a
// 300,000-article build). A first article from an earlier run, or whose id already keys a
// cluster (an article rewritten since), keeps the old way: the cluster term as well.
#include <xapian.h>

#include <array>
#include <cstdint>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/fingerprint.hpp"

namespace newsearch {

class DuplicateClusters {
 public:
  /// Loads the fingerprints of the articles already in database number `target`.
  void load(const Xapian::Database& db, unsigned target);

  /// The cluster of a new article (`id`: its 16-hex article id): its key, and whether the
  /// article joins an earlier one (then it needs the collapse key and the cluster term;
  /// otherwise call placed() once it has a docid).
  std::pair<std::uint64_t, bool> assign(const Fingerprint& fp, std::string_view id);
  /// Where the first article of a new cluster went.
  void placed(std::uint64_t key, unsigned target, Xapian::docid docid);

  struct Backfill {
    unsigned target;
    Xapian::docid docid;
    std::uint64_t key;
    bool needs_term;  ///< the key is not the article's own id: add the cluster term too
  };
  /// First articles of clusters that grew during this run and still lack the collapse key.
  std::vector<Backfill> take_backfills();

 private:
  static constexpr int kBands = 4;  // 4 x 16 bits: within 3 bits, one band is equal
  void remember(std::uint64_t simhash, std::uint64_t exact, std::uint64_t key);

  struct Entry {
    std::uint64_t simhash;
    std::uint64_t key;
  };
  struct First {
    unsigned target = 0;
    Xapian::docid docid = 0;
    bool has_key = false;
    bool grew = false;
    bool keyed_by_id = false;  ///< the key is this article's id (its Q term)
  };
  std::mutex mutex_;
  std::vector<Entry> entries_;
  std::unordered_map<std::uint64_t, std::uint64_t> by_exact_;
  std::unordered_map<std::uint64_t, First> first_;  // cluster key -> its first article
  std::array<std::vector<std::vector<std::uint32_t>>, kBands> bands_;
};

}  // namespace newsearch
