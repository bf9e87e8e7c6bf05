#include "common/schema.hpp"

namespace newsearch {

namespace {
// A term belongs to prefix P when it starts with P and the next character is not an
// upper-case letter (Xapian's convention: prefixes are upper case, terms are not).
bool has_prefix(std::string_view term, std::string_view prefix) {
  if (prefix.empty() || term.substr(0, prefix.size()) != prefix) return false;
  if (term.size() == prefix.size()) return true;
  const char next = term[prefix.size()];
  return !(next >= 'A' && next <= 'Z');
}
}  // namespace

std::optional<Field> field_of_term(std::string_view term) {
  if (term.starts_with('Z')) term.remove_prefix(1);
  std::optional<Field> best;
  std::size_t best_len = 0;
  for (const auto& f : kFields) {
    for (auto p : {f.prefix, f.exact_prefix}) {
      if (has_prefix(term, p) && p.size() > best_len) {
        best = f;
        best_len = p.size();
      }
    }
  }
  return best;
}

}  // namespace newsearch
