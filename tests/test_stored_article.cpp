// The article record kept as Xapian document data (common/stored_article.cpp): written
// compressed where that pays, read back whole; older plain records and damaged ones.
#include <catch2/catch.hpp>

#include "common/stored_article.hpp"

using newsearch::StoredArticle;

namespace {

StoredArticle sample(const std::string& body) {
  StoredArticle a;
  a.id = "0123456789abcdef";
  a.title = "Subsoil deal signed";
  a.authors = {"Anna Berg", "Li Wei"};
  a.date = "2025-03-01T21:09";
  a.tags = {"Ukraine"};
  a.people = {"Volodymyr Zelenskyy"};
  a.person_keys = {"zelenskyy volodymyr"};
  a.path = "a/b.txt";
  a.abspath = "/srv/a/b.txt";
  a.line = 3;
  a.url = "https://example.org/x";
  a.language = "english";
  a.body = body;
  return a;
}

void check_equal(const StoredArticle& a, const StoredArticle& b) {
  CHECK(a.id == b.id);
  CHECK(a.title == b.title);
  CHECK(a.authors == b.authors);
  CHECK(a.date == b.date);
  CHECK(a.tags == b.tags);
  CHECK(a.people == b.people);
  CHECK(a.person_keys == b.person_keys);
  CHECK(a.path == b.path);
  CHECK(a.abspath == b.abspath);
  CHECK(a.line == b.line);
  CHECK(a.url == b.url);
  CHECK(a.language == b.language);
  CHECK(a.body == b.body);
}

}  // namespace

TEST_CASE("stored article: a long one compressed, a short one plain, both read back whole", "[store]") {
  std::string body;
  for (int i = 0; i < 40; ++i) body += "The ministers met in Brussels to discuss energy security and the budget.\n";
  const StoredArticle long_one = sample(body);
  const std::string packed = long_one.serialise();
  CHECK(packed.size() < long_one.plain_record().size() / 3);  // news text compresses well
  check_equal(StoredArticle::unserialise(packed), long_one);

  StoredArticle short_one;
  short_one.id = "0123456789abcdef";
  short_one.title = "Brief";
  CHECK(short_one.serialise() == short_one.plain_record());  // nothing to gain: kept plain
  check_equal(StoredArticle::unserialise(short_one.serialise()), short_one);

  // Databases written before compression hold plain records: still read.
  check_equal(StoredArticle::unserialise(long_one.plain_record()), long_one);
}

TEST_CASE("stored article: damaged compressed records give an empty article, never an exception", "[store]") {
  std::string body;
  for (int i = 0; i < 40; ++i) body += "Oil prices rose as exporters agreed to limit output.\n";
  const std::string packed = sample(body).serialise();
  REQUIRE(packed.size() > 20);
  for (const std::string& damaged : {packed.substr(0, packed.size() / 2), packed.substr(0, 3),
                                     packed.substr(0, 1) + std::string(10, '\xff'),  // absurd length
                                     packed.substr(0, 8) + std::string(packed.size() - 8, 'x')}) {
    StoredArticle a;
    CHECK_NOTHROW(a = StoredArticle::unserialise(damaged));
    CHECK(a.title.empty());
    CHECK(a.body.empty());
  }
}
