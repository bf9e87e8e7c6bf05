#pragma once
// The word lists the people extractor reads (data/given_names.txt, people_roles.txt,
// people_not_names.txt, people_not_people.txt), loaded once from the embedded data.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsearch {

/// 64-bit FNV-1a: stable across platforms, so hashed model features stay valid.
inline std::uint64_t name_hash(std::string_view s) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

/// A set of 64-bit hashes with open addressing: several times faster than
/// std::unordered_set for the per-token lookups of the extractor.
class HashSet64 {
 public:
  void insert(std::uint64_t h) {
    if (h == 0) h = 1;  // 0 marks an empty slot
    if ((size_ + 1) * 2 > slots_.size()) grow();
    std::size_t mask = slots_.size() - 1;
    for (std::size_t p = mix(h) & mask;; p = (p + 1) & mask) {
      if (slots_[p] == h) return;
      if (slots_[p] == 0) {
        slots_[p] = h;
        ++size_;
        return;
      }
    }
  }
  bool contains(std::uint64_t h) const {
    if (size_ == 0) return false;
    if (h == 0) h = 1;
    std::size_t mask = slots_.size() - 1;
    for (std::size_t p = mix(h) & mask;; p = (p + 1) & mask) {
      if (slots_[p] == h) return true;
      if (slots_[p] == 0) return false;
    }
  }
  std::size_t count(std::uint64_t h) const { return contains(h) ? 1 : 0; }
  std::size_t size() const { return size_; }

 private:
  static std::size_t mix(std::uint64_t h) { return static_cast<std::size_t>(h ^ (h >> 29)); }
  void grow() {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, 0);
    size_ = 0;
    for (std::uint64_t h : old)
      if (h) insert(h);
  }
  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
};

struct NameLexicon {
  // name_hash of the lower-case words (hashes: lookups need no string copies)
  HashSet64 given;      ///< given names
  HashSet64 roles;      ///< titles and role words before a name
  HashSet64 not_names;  ///< organisation, place, date cue words
  HashSet64 not_people; ///< name_hash(person_key) of whole names that are no person: "El Paso", "Merrill Lynch"
  HashSet64 not_people_first;  ///< name_hash of their first words in lower case: a cheap first test

  /// Loaded on first use; thread-safe.
  static const NameLexicon& get();

  /// Lower-case particles inside names: von der Leyen, van Gogh, bin Salman.
  static bool is_particle(std::string_view lower);
  bool is_given(std::string_view lower) const { return given.count(name_hash(strip_dot(lower))) > 0; }
  bool is_role(std::string_view lower) const { return roles.count(name_hash(strip_dot(lower))) > 0; }
  bool is_not_name(std::string_view lower) const { return not_names.count(name_hash(lower)) > 0; }
  bool is_not_person(std::string_view key) const { return not_people.count(name_hash(key)) > 0; }

  static std::string_view strip_dot(std::string_view w) {
    if (!w.empty() && w.back() == '.') w.remove_suffix(1);
    return w;
  }
};

}  // namespace newsearch
