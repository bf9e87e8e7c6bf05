#pragma once
// An averaged perceptron that marks person-name tokens (O, B, I), trained on CoNLL-2003
// eng.train by tools/eval_people/people_train (scripts/train-people); the weights ship
// as data/people_model.txt.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/people_lexicon.hpp"
#include "common/people_tokens.hpp"

namespace newsearch {

enum NameLabel : std::uint8_t { kOut = 0, kBegin = 1, kInside = 2 };

/// What the tagger knows about the whole article: which capitalised words it also uses
/// in lower case. Feed every unit to add_candidates, then every unit to add_lower.
struct NameDocContext {
  HashSet64 candidates;   ///< hashes of capitalised words
  HashSet64 lower_words;  ///< those also seen in lower case
  void add_candidates(const std::vector<NameToken>& tokens);
  void add_lower(const std::vector<NameToken>& tokens);
};

/// Only these tokens can be part of a name: capitalised words and particles.
inline bool is_name_candidate(const NameToken& t) { return t.candidate; }

class PeopleTagger {
 public:
  /// The model embedded as data/people_model.txt (an empty model tags nothing).
  static const PeopleTagger& builtin();
  /// Parses the model text format written by train().
  static PeopleTagger from_text(std::string_view text);

  /// Labels tokens[lo, hi) into labels (resized to tokens.size()).
  void tag(const std::vector<NameToken>& tokens, std::size_t lo, std::size_t hi,
           const NameDocContext& doc, std::vector<std::uint8_t>& labels) const;

  struct Sentence {
    std::vector<NameToken> tokens;
    std::vector<std::uint8_t> gold;
  };
  struct Document {
    std::vector<Sentence> sentences;
  };
  /// Trains on documents for the given number of epochs (deterministic order) and
  /// returns the model text; weights below prune in magnitude are dropped.
  static std::string train(const std::vector<Document>& docs, int epochs, float prune);

  std::size_t size() const { return count_; }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::array<float, 3> w{};
  };
  std::vector<Slot> table_;  // open addressing, power of two, key 0 = empty
  std::size_t count_ = 0;

  void insert(std::uint64_t key, const std::array<float, 3>& w);
  const Slot* find(std::uint64_t key) const;
};

/// The features of token i given the previous label (hashes; shared by training and tagging).
void name_features(const std::vector<NameToken>& tokens, std::size_t lo, std::size_t hi,
                   std::size_t i, int prev_label, const NameDocContext& doc,
                   std::vector<std::uint64_t>& out);


}  // namespace newsearch
