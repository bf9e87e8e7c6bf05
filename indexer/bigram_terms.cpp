#include "indexer/bigram_terms.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "common/bigrams.hpp"
#include "common/schema.hpp"

namespace newsearch {

void add_bigram_terms(Xapian::Document& doc) {
  std::vector<std::string> stems;
  std::vector<std::pair<Xapian::termpos, std::uint32_t>> at;  // (position, index in stems)
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    std::string term = *t;
    if (!is_default_field_stem(term)) continue;
    const auto index = static_cast<std::uint32_t>(stems.size());
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) at.emplace_back(*p, index);
    stems.push_back(term.substr(1));
  }
  std::sort(at.begin(), at.end());
  // Every stem at p with every stem at p + 1 (one each, but for CJK n-grams sharing a position).
  for (std::size_t i = 0; i < at.size();) {
    std::size_t next = i;
    while (next < at.size() && at[next].first == at[i].first) ++next;
    std::size_t end = next;
    while (end < at.size() && at[end].first == at[i].first + 1) ++end;
    for (std::size_t a = i; a < next; ++a)
      for (std::size_t b = next; b < end; ++b) {
        const std::string term = bigram_term(stems[at[a].second], stems[at[b].second]);
        if (!term.empty()) doc.add_boolean_term(term);
      }
    i = next;
  }
}

}  // namespace newsearch
