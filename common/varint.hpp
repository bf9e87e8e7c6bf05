#pragma once
// Unsigned integers in 7-bit groups, low first, the high bit saying more follow: the
// binary records of the stored articles and of the champion lists.
#include <cstdint>
#include <string>
#include <string_view>

namespace newsearch {

inline void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

/// Reads one at s[pos] and moves pos past it; false where s ends first or it runs past 64
/// bits (damaged).
inline bool get_varint(std::string_view s, std::size_t& pos, std::uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos >= s.size()) return false;
    const auto byte = static_cast<unsigned char>(s[pos++]);
    v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if (byte < 0x80) return true;
  }
  return false;
}

}  // namespace newsearch
