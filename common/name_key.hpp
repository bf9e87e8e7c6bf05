#pragma once
// Word-level folding behind person_key (people.hpp), shared with the extractor.
#include <string>
#include <string_view>

namespace newsearch {

/// Folds one ASCII lower-case word so that transliteration variants meet:
/// a final run of i/y/j of two or more letters becomes y (zelenskyy, zelenskyi,
/// zelenskiy to zelensky; serhii, serhiy to serhy), doubled letters become one
/// (arakhamiia to arakhamia), and y between consonants becomes i (volodymyr to
/// volodimir, tymoshenko to timoshenko, the Ukrainian и against the Russian и).
/// Idempotent.
std::string fold_name_word(std::string_view ascii_lower_word);

}  // namespace newsearch
