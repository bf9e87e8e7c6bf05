// Trains a zstd dictionary on the stored records of a database (scripts/train-record-dictionary).
// Usage: record-dictionary-train DB SIZE OUT
#include <xapian.h>
#include <zdict.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "common/stored_article.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: record-dictionary-train DB SIZE OUT\n");
    return 2;
  }
  try {
    const Xapian::Database db(argv[1]);
    std::string samples;
    std::vector<std::size_t> sizes;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
      newsearch::StoredArticle a = newsearch::StoredArticle::unserialise(db.get_document(*p).get_data());
      a.abspath = a.path;  // where this checkout lies says nothing about the records of others
      const std::string record = a.plain_record();
      samples += record;
      sizes.push_back(record.size());
    }
    std::string dictionary(std::strtoul(argv[2], nullptr, 10), '\0');
    const std::size_t n =
        ZDICT_trainFromBuffer(dictionary.data(), dictionary.size(), samples.data(), sizes.data(),
                              static_cast<unsigned>(sizes.size()));
    if (ZDICT_isError(n)) {
      std::fprintf(stderr, "record-dictionary-train: %s\n", ZDICT_getErrorName(n));
      return 1;
    }
    dictionary.resize(n);
    std::ofstream(argv[3], std::ios::binary) << dictionary;
    std::printf("%zu records, %zu bytes of samples: a dictionary of %zu bytes, id %u\n", sizes.size(),
                samples.size(), n, ZDICT_getDictID(dictionary.data(), n));
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "record-dictionary-train: %s\n", e.get_description().c_str());
    return 2;
  }
  return 0;
}
