#pragma once
// Champion lists: for each frequent term, the documents where it weighs most. A search whose
// weight comes from that term alone ("said", "oil NOT opec", "bank date:1987-03") weighs
// these first; where the page's last hit outweighs anything left out (the list's threshold),
// the page is exactly the one the whole posting list gives, at a fraction of the cost: at a
// million articles "said" has 940,000 postings, each weighed (Manning, Raghavan & Schütze,
// "Introduction to Information Retrieval", 7.1.3).
//
// The indexer writes them into the database's metadata at the end of each run that changed
// it, stamped with the database's UUID and the revision they describe; a searcher uses them
// only where the stamp matches (a compacted or merged copy has another UUID, a later commit
// another revision), so a stale list is never read.
#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsearch {

/// BM25's parameters, the searcher's weighting and the lists' order in one place (these
/// are Xapian::BM25Weight's defaults: k1, k2, k3, b, min_normlen).
inline constexpr double kBm25K1 = 1.0, kBm25K2 = 0.0, kBm25K3 = 1.0, kBm25B = 0.5, kBm25MinNormLen = 0.5;
inline Xapian::BM25Weight bm25_weight() { return Xapian::BM25Weight(kBm25K1, kBm25K2, kBm25K3, kBm25B, kBm25MinNormLen); }

/// The part of a term's BM25 weight in a document that depends on the document: the term's
/// weight there is its query weight times this (Xapian's BM25Weight::get_sumpart).
double bm25_tf_part(Xapian::termcount wdf, Xapian::termcount doclength, double average_length);

/// A term's query weight, as Xapian's BM25Weight::init computes it (no relevance set, the
/// term not scaled): a champion's weight is this times its tf part.
double bm25_term_weight(Xapian::doccount collection_size, Xapian::doccount termfreq, Xapian::termcount wqf);

/// Documents kept per term, and from how many postings a term gets a list.
inline constexpr Xapian::doccount kChampionsPerTerm = 500;
inline constexpr Xapian::doccount kChampionsFromTermfreq = 2 * kChampionsPerTerm;

inline constexpr int kChampionFormat = 2;
inline constexpr std::string_view kMetaChampions = "newsearch.champions";  ///< champion_stamp()
inline constexpr std::string_view kMetaChampionPrefix = "c:";             ///< c:<term> -> list

struct Champion {
  Xapian::docid docid;
  Xapian::termcount wdf;
  Xapian::termcount doclength;
};

struct ChampionList {
  /// By ascending id, with what weighing them needs (a search then reads no posting list).
  std::vector<Champion> champions;
  /// Every document of the term left out has a tf part at most this (at average_length).
  double threshold = 0;
  double average_length = 0;  ///< the database's when the list was made

  std::string serialise() const;
  static std::optional<ChampionList> unserialise(std::string_view s);
};

/// The stamp naming the lists' format and a database at a revision.
std::string champion_stamp(const std::string& uuid, Xapian::rev revision);

/// Whether db's lists were made for db as it is open (its UUID, revision and the lists'
/// format): any later commit, or a copy, leaves them unused.
bool champion_lists_current(const Xapian::Database& db);

}  // namespace newsearch
