// The article record kept as Xapian document data (common/stored_article.cpp): written
// compressed where that pays (with the built-in dictionary), read back whole; older plain and
// dictionary-less records, and damaged ones.
#include <zdict.h>
#include <zstd.h>

#include <catch2/catch.hpp>

#include "common/embedded_data.hpp"
#include "common/stored_article.hpp"
#include "common/varint.hpp"

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
  CHECK(a == b);  // and no field the checks above miss
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

namespace {

// A record of format `format` holding `plain` compressed into one zstd frame with `dictionary`
// (none where empty), as the earlier formats and other builds wrote them.
std::string record_with(char format, const std::string& plain, const std::string& dictionary) {
  std::string out(1, format);
  newsearch::put_varint(out, plain.size());
  std::string frame(ZSTD_compressBound(plain.size()), '\0');
  ZSTD_CCtx* context = ZSTD_createCCtx();
  const std::size_t n = ZSTD_compress_usingDict(context, frame.data(), frame.size(), plain.data(), plain.size(),
                                                dictionary.data(), dictionary.size(), 3);
  ZSTD_freeCCtx(context);
  REQUIRE_FALSE(ZSTD_isError(n));
  frame.resize(n);
  return out + frame;
}

// The id a record's frame names (0: no dictionary).
unsigned frame_dictionary(const std::string& record) {
  std::size_t pos = 1;
  std::uint64_t size = 0;
  REQUIRE(newsearch::get_varint(record, pos, size));
  return ZSTD_getDictID_fromFrame(record.data() + pos, record.size() - pos);
}

}  // namespace

TEST_CASE("stored article: compressed with the built-in dictionary; older and foreign records", "[store]") {
  // A news article of common length (about 1 KB), not one of corpus/ the dictionary learnt from.
  const StoredArticle article = sample(
      "Wheat prices fell on Thursday after the agriculture ministry raised its harvest forecast.\n"
      "Traders said the government's estimate of 62 million tonnes surprised the market, which had "
      "expected a smaller crop after a dry spring in the south of the country.\n"
      "The ministry said exports could reach 40 million tonnes in the season that begins in July, "
      "up from 35 million a year earlier, if prices stay competitive.\n"
      "Farmers' groups warned that higher fuel and fertiliser costs would cut their margins, and "
      "asked the government to extend a subsidy that expires at the end of the month.\n"
      "Analysts at two banks lowered their price forecasts for the rest of the year.");
  const std::string plain = article.plain_record();
  const std::string packed = article.serialise();
  const auto dictionary = newsearch::embedded_file("record-dictionary-1.zdict");
  REQUIRE(dictionary);
  const std::string dictionary_bytes(*dictionary);

  CHECK(packed[0] == '\x03');
  CHECK(frame_dictionary(packed) == ZDICT_getDictID(dictionary_bytes.data(), dictionary_bytes.size()));
  check_equal(StoredArticle::unserialise(packed), article);
  // The dictionary's tables and phrases pay even on a short article.
  const std::string without = record_with('\x02', plain, "");
  CHECK(packed.size() < without.size());

  // Databases written with zstd before the dictionary: still read.
  CHECK(frame_dictionary(without) == 0);
  check_equal(StoredArticle::unserialise(without), article);

  // A record naming a dictionary this build lacks (a later version's): an empty article, no
  // exception. The built-in dictionary given another id stands for it.
  std::string foreign = dictionary_bytes;
  REQUIRE(foreign.size() > 8);
  foreign[4] = static_cast<char>(foreign[4] ^ 0x5a);
  const std::string unknown = record_with('\x03', plain, foreign);
  REQUIRE(frame_dictionary(unknown) != 0);
  REQUIRE(frame_dictionary(unknown) != frame_dictionary(packed));
  StoredArticle read;
  CHECK_NOTHROW(read = StoredArticle::unserialise(unknown));
  CHECK(read.title.empty());
  CHECK(read.body.empty());
  // And one of the new format whose frame names no dictionary at all.
  CHECK(StoredArticle::unserialise(record_with('\x03', plain, "")).title.empty());
}
