#include "common/record_dictionary.hpp"

#include <zdict.h>

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/embedded_data.hpp"

namespace newsearch {

namespace {

// Every dictionary ever released, the one new records use last.
constexpr std::array kDictionaryFiles = {"record-dictionary-1.zdict"};

// Empty where the build lacks it (a build error, caught by the tests: records are then
// compressed without a dictionary, as before).
std::string_view dictionary_bytes(const char* name) {
  const auto bytes = embedded_file(name);
  if (!bytes || ZDICT_getDictID(bytes->data(), bytes->size()) == 0) return {};
  return *bytes;
}

}  // namespace

const ZSTD_CDict* record_compression_dictionary() {
  static const std::unique_ptr<ZSTD_CDict, decltype(&ZSTD_freeCDict)> dictionary{
      [] {
        const std::string_view bytes = dictionary_bytes(kDictionaryFiles.back());
        return bytes.empty() ? nullptr : ZSTD_createCDict(bytes.data(), bytes.size(), kRecordZstdLevel);
      }(),
      ZSTD_freeCDict};
  return dictionary.get();
}

const ZSTD_DDict* record_decompression_dictionary(std::uint32_t id) {
  using Prepared = std::unique_ptr<ZSTD_DDict, decltype(&ZSTD_freeDDict)>;
  struct Entry {
    std::uint32_t id;
    Prepared dictionary;
  };
  static const std::vector<Entry> table = [] {
    std::vector<Entry> out;
    for (const char* name : kDictionaryFiles) {
      const std::string_view bytes = dictionary_bytes(name);
      if (bytes.empty()) continue;
      out.push_back({ZDICT_getDictID(bytes.data(), bytes.size()),
                     Prepared(ZSTD_createDDict(bytes.data(), bytes.size()), ZSTD_freeDDict)});
    }
    return out;
  }();
  for (const auto& e : table)
    if (e.id == id) return e.dictionary.get();
  return nullptr;
}

}  // namespace newsearch
