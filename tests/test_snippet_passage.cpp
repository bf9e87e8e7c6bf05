// The passage given to MSet::snippet: where the query's words are densest, cut at word and
// sentence boundaries, with the fallback to the article's start when no word is found.
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "searcher/snippet_passage.hpp"

using namespace newsearch;

namespace {

std::string filler(int sentences) {
  std::string s;
  for (int i = 0; i < sentences; ++i) s += "The committee met again on Tuesday to discuss the budget. ";
  return s;
}

}  // namespace

TEST_CASE("snippet probes: body stems less their last letter, no field terms", "[search][snippet]") {
  const Xapian::Query q(Xapian::Query::OP_AND,
                        Xapian::Query(Xapian::Query::OP_PHRASE, Xapian::Query("Zinterest"), Xapian::Query("Zrate")),
                        Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("oil"), Xapian::Query("XPWrutte")));
  CHECK(snippet_probes(q) == std::vector<std::string>{"interes", "oil", "rat"});
  CHECK(has_positional_subquery(q));
  CHECK_FALSE(has_positional_subquery(Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("Zoil"), Xapian::Query("Zprice"))));
}

TEST_CASE("snippet: a phrase answered from its word pair is still a phrase, and the pair no word", "[search][snippet]") {
  const Xapian::Query words(Xapian::Query::OP_AND, Xapian::Query("Zoil"), Xapian::Query("Zprice"));
  const Xapian::Query pair(Xapian::Query::OP_FILTER, words, Xapian::Query("XBoil price"));
  CHECK(has_positional_subquery(pair));
  CHECK(highlight_query(pair).get_description() == "Query((Zoil OR Zprice))");
  CHECK(snippet_probes(pair) == std::vector<std::string>{"oil", "pric"});
}

TEST_CASE("snippet passage: the densest stretch of query words, from its sentence", "[search][snippet]") {
  const std::string body = filler(40) + "Oil prices fell. " + filler(10) +
                           "Crude oil prices rose as oil producers cut output and prices firmed. " + filler(40);
  const Passage p = snippet_passage(body, {"oil", "pric"}, 300, 6000);
  CHECK(p.text.starts_with("Crude oil prices rose"));  // three hits of each beat one of each
  CHECK(p.text.size() <= 320);
  CHECK(p.cut_before);
  CHECK(p.cut_after);

  // A probe inside a word does not count: "soil" is not "oil".
  const std::string soil = filler(30) + "The soil was dry. " + filler(30) + "Oil output rose. " + filler(5);
  CHECK(snippet_passage(soil, {"oil"}, 200, 6000).text.starts_with("Oil output rose."));

  // No probe found in ASCII text (the match is in the title): the opening, snippet-sized.
  const Passage none = snippet_passage(body, {"sanchez"}, 300, 1000);
  CHECK(none.text == std::string_view(body).substr(0, none.text.size()));
  CHECK(none.text.size() <= 300);
  CHECK_FALSE(none.cut_before);
  CHECK(none.cut_after);
  // Not ASCII (an accent may hide the word from the byte scan): Xapian looks further.
  const std::string accented = filler(10) + "Pedro Sánchez said so. " + filler(30);
  const Passage folded = snippet_passage(accented, {"sanchez"}, 300, 1000);
  CHECK(folded.text.size() > 300);
  CHECK(folded.text.find("Sánchez") != std::string_view::npos);

  // A short article goes whole.
  const Passage whole = snippet_passage("Oil rose.", {"oil"}, 300, 6000);
  CHECK(whole.text == "Oil rose.");
  CHECK_FALSE(whole.cut_before);
  CHECK_FALSE(whole.cut_after);
}

TEST_CASE("snippet stemmer: words that cannot stem to a query term are left alone", "[search][snippet]") {
  const Xapian::Stem english("english");
  const Xapian::Stem s = snippet_stemmer(english, "english", {"rat", "oil"});
  CHECK(s("rates") == "rate");
  CHECK(s("oils") == "oil");
  CHECK(s("running") == "run");      // r: a probe starts with it, so stemmed
  CHECK(s("jumping") == "jumping");  // j: not stemmed, cannot match
  CHECK(s("élan") == english("élan"));  // not ASCII: always stemmed
  CHECK(snippet_stemmer(english, "indonesian", {"rat"})("jumping") == "jump");
}

TEST_CASE("snippet stemmer: a person's other spellings stem to the query's stem", "[search][snippet]") {
  const Xapian::Stem english("english");
  // The query "zelensky": its stem, and the person's folded word it found other spellings by.
  const std::map<std::string, std::string> variants = {{"zelensky", "zelenski"}};
  const Xapian::Stem s = snippet_stemmer(english, "english", {"zelensk"}, variants);
  CHECK(s("zelenskyy") == "zelenski");
  CHECK(s("zelenskiy") == "zelenski");
  CHECK(s("zelenskyy's") == "zelenski");
  CHECK(s("\xD0\xB7\xD0\xB5\xD0\xBB\xD0\xB5\xD0\xBD\xD1\x81\xD1\x8C\xD0\xBA\xD0\xB8\xD0\xB9") == "zelenski");  // зеленський
  CHECK(s("zealous") == english("zealous"));  // z, but another word
  CHECK(s("jumping") == "jumping");
  // Indonesian has no first-letter gate, but the spellings still meet.
  CHECK(snippet_stemmer(english, "indonesian", {"zelensk"}, variants)("zelenskyy") == "zelenski");
  // The person's word is also looked for in the text, whatever the query's script.
  const std::vector<std::string> probes = snippet_probes(Xapian::Query("Zzel"), variants);
  CHECK(probes == std::vector<std::string>{"zel", "zelensk"});
}

TEST_CASE("snippet start: a word a joiner splits is given back its start", "[search][snippet]") {
  const std::string dots = "\xE2\x80\xA6";  // the ellipsis
  const std::string passage = "Staff were told to delete e-mails more than three months old. AT&T-owned firms agreed.";
  CHECK(snippet_from_word_start(dots + "-<mark>mails</mark> more than three", passage, dots) ==
        dots + "e-<mark>mails</mark> more than three");
  CHECK(snippet_from_word_start(dots + "-owned <mark>firms</mark> agreed.", passage, dots) ==
        dots + "AT&amp;T-owned <mark>firms</mark> agreed.");
  // a snippet that starts at a word, or at the passage's start, or that the passage does not
  // hold once, is left as it is
  for (const std::string& s : {dots + "<mark>mails</mark> more", dots + "more than three", std::string("Staff were told"),
                              dots + "-nothing like it"})
    CHECK(snippet_from_word_start(s, passage, dots) == s);
}
