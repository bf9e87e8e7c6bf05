#pragma once
// The passage of an article that MSet::snippet makes the snippet from. Xapian's snippet
// tokenises, stems and scores every word of the text it is given, which made it the most
// expensive step of a search (a third of the instructions for a one-word query). A cheap
// byte scan finds where the query's words are densest first, and only that passage, of the
// snippet's length, goes to Xapian, which does the stem-aware highlighting.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace newsearch {

/// Whether the query holds a phrase or NEAR (or a phrase answered from its word pair). Xapian 1.4's snippet highlights a phrase only
/// where its terms occur as written, so a phrase of stems ("interest rates" as Zinterest
/// PHRASE Zrate) would highlight nothing.
bool has_positional_subquery(const Xapian::Query& query);

/// The query a snippet highlights with: every term of `query`, OR-ed, so each matched word
/// of a phrase is highlighted (stem-aware) with its BM25 weight.
Xapian::Query highlight_query(const Xapian::Query& query);

/// What to look for in the text: for each unprefixed term of the query (a stem or an exact
/// word), its start in lower case: the stem less its last letter ("rate" -> "rat", so that
/// "rates" and "rating" are found; "happi" -> "happ" for "happy"); the same of each person's
/// word of `name_variants` ("zelensk" for "Зеленський" typed).
std::vector<std::string> snippet_probes(const Xapian::Query& query,
                                        const std::map<std::string, std::string>& name_variants = {});

struct Passage {
  std::string_view text;
  bool cut_before = false;  ///< text starts after the body's start
  bool cut_after = false;   ///< text ends before the body's end
};

/// The about-`span`-byte passage of `body` where the most distinct probes start words (then
/// the most hits; the earliest on a tie), from the start of its sentence. When no probe is
/// found: in ASCII text, the first `span` bytes (the match is in the title or a field);
/// otherwise (a match through accent folding?) the first `fallback` bytes, where Xapian
/// looks for itself.
Passage snippet_passage(std::string_view body, const std::vector<std::string>& probes, std::size_t span,
                        std::size_t fallback);

/// The stemmer to give MSet::snippet: `stemmer`, except that a word starting with an ASCII
/// letter no probe starts with is returned as it is, unstemmed (it cannot stem to a query
/// term: Snowball's stemmers for Latin-script languages strip suffixes, never the first
/// letter), which saves most of the stemming of a snippet; not for languages whose stemmer
/// strips prefixes (Indonesian, Irish). And a word whose person_key is a key of
/// `name_variants` (a person's folded word -> the query stem it stands for) stems to that
/// stem, so that "Zelenskyy" and "Зеленський" are marked for the query "zelensky".
Xapian::Stem snippet_stemmer(const Xapian::Stem& stemmer, const std::string& language,
                             const std::vector<std::string>& probes,
                             const std::map<std::string, std::string>& name_variants = {});

/// MSet::snippet may start a snippet inside a word a joiner splits ("…-<mark>mails</mark>"
/// of "e-mails", "…-based"): the snippet then starts at the word's start in `passage`, the
/// text it was made from. Unchanged where its start is not found once in the passage.
std::string snippet_from_word_start(const std::string& snippet, std::string_view passage, std::string_view ellipsis);

}  // namespace newsearch
