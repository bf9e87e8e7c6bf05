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

TEST_CASE("spelling suggestion: a person's name is corrected to the closest name the index holds", "[search][spelling]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const char* words : {"XPWemmanuel XPWmacron", "XPWmacron", "XPWmarco XPWrubio", "XPWvolodymyr XPWzelensky"}) {
    Xapian::Document doc;
    std::string all(words);
    for (std::size_t at = 0; at < all.size();) {
      std::size_t end = std::min(all.find(' ', at), all.size());
      doc.add_term(all.substr(at, end - at));
      at = end + 1;
    }
    db.add_document(doc);
  }
  CHECK(correct_person_fields("person:makron", db) == "person:macron");
  CHECK(correct_person_fields("talks person:\"Emanuel Makron\" paris", db) == "talks person:\"emmanuel macron\" paris");
  CHECK(correct_person_fields("person:zelenski", db) == "person:zelensky");
  CHECK(correct_person_fields("person:rubio", db) == "person:rubio");    // found: as typed
  CHECK(correct_person_fields("person:xqzzv", db) == "person:xqzzv");    // nothing close
  CHECK(correct_person_fields("makron", db) == "makron");                // not a person field
}
