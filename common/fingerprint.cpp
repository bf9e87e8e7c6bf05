#include "common/fingerprint.hpp"

#include <array>
#include <bit>
#include <string>
#include <vector>

#include "common/hash.hpp"

namespace newsearch {

namespace {
constexpr std::size_t kShingle = 3;

std::uint64_t mix(std::uint64_t x) {  // splitmix64 finaliser: spreads FNV's weak low bits
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
}  // namespace

Fingerprint fingerprint(std::string_view body) {
  // Words: runs of ASCII alphanumerics and all non-ASCII bytes, lower-cased.
  std::vector<std::uint64_t> words;
  std::string normalised;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    words.push_back(hash64(word));
    if (!normalised.empty()) normalised += ' ';
    normalised += word;
    word.clear();
  };
  for (char ch : body) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c >= 0x80)
      word += static_cast<char>(c);
    else if (c >= 'A' && c <= 'Z')
      word += static_cast<char>(c + 32);
    else
      flush();
  }
  flush();

  Fingerprint fp;
  fp.exact = hash64(normalised);
  std::array<int, 64> votes{};
  const std::size_t n = words.size() < kShingle ? (words.empty() ? 0 : 1) : words.size() - kShingle + 1;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t h = 0;
    for (std::size_t k = 0; k < kShingle && i + k < words.size(); ++k) h = mix(h ^ words[i + k]) + k;
    for (int b = 0; b < 64; ++b) votes[static_cast<std::size_t>(b)] += (h >> b) & 1 ? 1 : -1;
  }
  for (int b = 0; b < 64; ++b)
    if (votes[static_cast<std::size_t>(b)] > 0) fp.simhash |= 1ULL << b;
  return fp;
}

int hamming_distance(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

}  // namespace newsearch
