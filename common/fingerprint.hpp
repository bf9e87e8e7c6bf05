#pragma once
// Body fingerprints for duplicate collapsing: an exact hash of the normalised text and a
// 64-bit SimHash over word shingles, whose Hamming distance tracks textual similarity.
#include <cstdint>
#include <string_view>

namespace newsearch {

struct Fingerprint {
  std::uint64_t exact = 0;    ///< equal for bodies that differ only in case, punctuation, spacing
  std::uint64_t simhash = 0;  ///< near-duplicates differ in few bits
};

Fingerprint fingerprint(std::string_view body);

/// Number of differing bits.
int hamming_distance(std::uint64_t a, std::uint64_t b);

/// Bodies whose SimHashes differ in at most this many bits are near-duplicates.
inline constexpr int kNearDuplicateBits = 3;

}  // namespace newsearch
