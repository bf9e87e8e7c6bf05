#pragma once
// The "did you mean" line: which of the speller's corrections to keep.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace newsearch {

/// `corrected` (Xapian's corrected query string) with each plain word of `query` that the
/// index holds (one of `plain_words` and not in `unmatched`) put back as typed: Xapian's
/// speller also "corrects" words that exist to more frequent neighbours ("what" -> "that").
std::string keep_found_words(const std::string& query, const std::string& corrected,
                             const std::vector<std::string>& plain_words, const nlohmann::json& unmatched);

}  // namespace newsearch
