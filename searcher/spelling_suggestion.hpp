#pragma once
// The "did you mean" line: which of the speller's corrections to keep.
#include <xapian.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace newsearch {

/// `corrected` (Xapian's corrected query string) with each plain word of `query` that the
/// index holds (one of `plain_words` and not in `unmatched`) put back as typed: Xapian's
/// speller also "corrects" words that exist to more frequent neighbours ("what" -> "that").
std::string keep_found_words(const std::string& query, const std::string& corrected,
                             const std::vector<std::string>& plain_words, const nlohmann::json& unmatched);

/// `query` with each word of a person: field that names nobody in db replaced by a word of a
/// person's name that does: the speller's correction where it names someone, else the
/// closest name word (at most two edits away, the most frequent of the closest):
/// person:makron -> person:macron. Xapian's speller does not look inside fields.
std::string correct_person_fields(const std::string& query, const Xapian::Database& db);

}  // namespace newsearch
