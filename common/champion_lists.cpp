#include "common/champion_lists.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdint>

#include "common/varint.hpp"

namespace newsearch {

double bm25_tf_part(Xapian::termcount wdf, Xapian::termcount doclength, double average_length) {
  // As Xapian 1.4's BM25Weight::get_sumpart computes it, multiplication by the inverse
  // length included, so that a list's order and a search's agree to the last bit.
  const double len_factor = average_length != 0 ? 1 / average_length : 0;
  const double normlen = std::max(doclength * len_factor, kBm25MinNormLen);
  const double w = wdf;
  return w / (kBm25K1 * (normlen * kBm25B + (1 - kBm25B)) + w);
}

double bm25_term_weight(Xapian::doccount collection_size, Xapian::doccount termfreq, Xapian::termcount wqf) {
  double tw = (collection_size - termfreq + 0.5) / (termfreq + 0.5);
  if (tw < 2) tw = tw * 0.5 + 1;  // Xapian's floor for terms in over a third of documents
  double termweight = std::log(tw);
  if (kBm25K3 != 0) {
    const double wqf_double = wqf;
    termweight *= (kBm25K3 + 1) * wqf_double / (kBm25K3 + wqf_double);
  }
  return termweight * (kBm25K1 + 1);
}

namespace {

// One of a list's numbers (ids, wdf, lengths are 32-bit in Xapian): false where damaged.
bool get_number(std::string_view s, std::size_t& pos, std::uint32_t& v) {
  std::uint64_t wide = 0;
  if (!get_varint(s, pos, wide) || wide > UINT32_MAX) return false;
  v = static_cast<std::uint32_t>(wide);
  return true;
}

}  // namespace

// "<format> <threshold> <average length> <count>\n" (doubles as C99 hex floats: exact), then per
// champion its id's delta from the previous one, its wdf and its length, in 7-bit groups.
std::string ChampionList::serialise() const {
  char head[128];
  std::snprintf(head, sizeof head, "%d %a %a %zu\n", kChampionFormat, threshold, average_length, champions.size());
  std::string out = head;
  Xapian::docid prev = 0;
  for (const Champion& c : champions) {
    put_varint(out, c.docid - prev);
    put_varint(out, c.wdf);
    put_varint(out, c.doclength);
    prev = c.docid;
  }
  return out;
}

std::optional<ChampionList> ChampionList::unserialise(std::string_view s) {
  const std::size_t eol = s.find('\n');
  if (eol == std::string_view::npos || eol > 120) return std::nullopt;
  const std::string head(s.substr(0, eol));
  ChampionList list;
  int version = 0;
  std::size_t count = 0;
  if (std::sscanf(head.c_str(), "%d %la %la %zu", &version, &list.threshold, &list.average_length, &count) != 4 ||
      version != kChampionFormat || count > s.size())
    return std::nullopt;
  list.champions.reserve(count);
  Xapian::docid prev = 0;
  std::size_t i = eol + 1;
  while (list.champions.size() < count) {
    std::uint32_t delta, wdf, length;
    if (!get_number(s, i, delta) || !get_number(s, i, wdf) || !get_number(s, i, length)) return std::nullopt;
    if (delta == 0) return std::nullopt;  // ids ascend strictly
    prev += delta;
    list.champions.push_back({prev, wdf, length});
  }
  if (i != s.size()) return std::nullopt;
  return list;
}

std::string champion_stamp(const std::string& uuid, Xapian::rev revision) {
  // The lists' format first: a newer indexer makes lists of an older format afresh.
  return std::to_string(kChampionFormat) + " " + uuid + " " + std::to_string(revision);
}

bool champion_lists_current(const Xapian::Database& db) {
  return db.get_metadata(std::string(kMetaChampions)) == champion_stamp(db.get_uuid(), db.get_revision());
}

}  // namespace newsearch
