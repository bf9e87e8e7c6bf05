// Which of the speller's corrections "did you mean" keeps: words the index holds stay as typed.
#include <catch2/catch.hpp>

#include "searcher/spelling_suggestion.hpp"

using namespace newsearch;

TEST_CASE("spelling suggestion: found words keep their spelling, unmatched ones take the correction", "[search][spelling]") {
  const nlohmann::json unmatched = {"xyzzyq"};
  CHECK(keep_found_words("what xyzzyq", "that xyzq", {"what", "xyzzyq"}, unmatched) == "what xyzq");
  // words the front end did not take as plain (fields, phrases) take the correction
  CHECK(keep_found_words("person:reagen xyzzyq", "person:reagan xyzq", {"xyzzyq"}, unmatched) == "person:reagan xyzq");
  // a correction that splits or joins words is taken as it is
  CHECK(keep_found_words("what xyzzyq", "what xyz zyq", {"what", "xyzzyq"}, unmatched) == "what xyz zyq");
}
