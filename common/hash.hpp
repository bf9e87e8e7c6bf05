#pragma once
// Small, stable, non-cryptographic hashes for ids and change detection.
#include <cstdint>
#include <string>
#include <string_view>

namespace newsearch {

/// 64-bit FNV-1a: stable across builds and platforms (ids are stored in databases).
constexpr std::uint64_t hash64(std::string_view data, std::uint64_t seed = 0xcbf29ce484222325ULL) {
  std::uint64_t h = seed;
  for (char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// 16 lower-case hex digits.
std::string hex64(std::uint64_t v);

/// Parses 16 hex digits; false if s is not that.
bool parse_hex64(std::string_view s, std::uint64_t& out);

}  // namespace newsearch
