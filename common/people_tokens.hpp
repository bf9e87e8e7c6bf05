#pragma once
// Splits text into the tokens the people tagger reads, in the CoNLL-2003 style the
// tagger was trained on: words, "'s", initials with their dots, punctuation.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsearch {

struct NameToken {
  std::uint32_t begin = 0;  ///< byte offsets in the source text
  std::uint32_t end = 0;
  std::string ascii;        ///< transliterated, accents stripped, case kept
  std::string lower;        ///< ascii in lower case
  bool word = false;        ///< starts with a letter or digit
  bool cap = false;         ///< starts with a capital (or is a particle before one: al-Turabi)
  bool all_caps = false;    ///< two or more letters, none lower case
  bool initial = false;     ///< "P." or "J.D."
  bool sentence_start = false;
  // lexicon facts, looked up once per token
  bool particle = false;    ///< von, van, de, al...
  bool candidate = false;   ///< may be part of a name: a capitalised word or a particle
  bool given = false;       ///< a known given name (candidates only)
  bool role = false;        ///< a title or role word (Mr, President, Mayor)
  bool not_name = false;    ///< an organisation, place or date cue word (candidates only)
  std::uint64_t hash = 0;   ///< name_hash(lower)
};

/// Appends the tokens of text. Positions refer to text; sentence_start marks the first
/// word of each sentence.
void tokenize_names(std::string_view text, std::vector<NameToken>& out);

/// Token attributes from a token already split (CoNLL training data).
NameToken make_name_token(std::string_view token_text);

/// True when the text has letters and none of them is lower case (a wire headline).
bool is_all_caps_line(std::string_view text);

}  // namespace newsearch
