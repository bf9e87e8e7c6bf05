#pragma once
// UTF-8 validation and repair, and the byte-level checks the parsers need.
#include <string>
#include <string_view>

namespace newsearch {

/// True if text is well-formed UTF-8 (no overlongs, no surrogates, no bytes > U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// Returns text with every ill-formed sequence replaced by U+FFFD; counts the repairs.
std::string repair_utf8(std::string_view text, std::size_t* repairs = nullptr);

/// True if the data looks binary rather than text (a NUL byte in the first 8 KiB).
bool looks_binary(std::string_view data);

/// Removes a leading UTF-8 byte order mark.
std::string_view strip_bom(std::string_view text);

/// Appends the UTF-8 encoding of code point cp.
void append_utf8(std::string& out, char32_t cp);

/// Decodes one code point at text[pos], advancing pos; returns U+FFFD on bad input.
char32_t next_code_point(std::string_view text, std::size_t& pos);

/// Trims ASCII white space and U+00A0 at both ends.
std::string_view trim(std::string_view s);

}  // namespace newsearch
