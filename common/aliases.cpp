// Alias file parsing and lookup (see aliases.hpp and docs/aliases.md).
#include "common/aliases.hpp"

#include <fstream>
#include <sstream>

#include "common/embedded_data.hpp"
#include "common/people.hpp"

namespace newsearch {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

AliasTable AliasTable::builtin() {
  auto text = embedded_file("aliases.txt");
  if (!text) return {};
  return parse(*text, "aliases.txt (built in)", nullptr);
}

AliasTable AliasTable::parse(std::string_view text, std::string_view source,
                             std::vector<std::string>* warnings) {
  AliasTable table;
  auto warn = [&](std::size_t line_no, const std::string& why) {
    if (warnings) warnings->push_back(std::string(source) + ":" + std::to_string(line_no) + ": " + why);
  };
  std::size_t pos = 0, line_no = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      warn(line_no, "expected 'Preferred Name = variant | variant', found no '='");
      continue;
    }
    std::string display(trim(line.substr(0, eq)));
    std::string display_key = person_key(display);
    if (display_key.empty()) {
      warn(line_no, "no name before '='");
      continue;
    }
    std::vector<std::string> keys{display_key};
    std::string_view rest = line.substr(eq + 1);
    bool bad = rest.find('=') != std::string_view::npos;
    while (!bad) {
      std::size_t bar = rest.find('|');
      std::string_view variant = trim(rest.substr(0, bar));
      std::string key = person_key(variant);
      if (key.empty()) {
        bad = true;
        break;
      }
      keys.push_back(std::move(key));
      if (bar == std::string_view::npos) break;
      rest = rest.substr(bar + 1);
    }
    if (bad) {
      warn(line_no, "empty variant or second '=' (variants are separated by '|')");
      continue;
    }
    for (const std::string& key : keys) {
      auto it = table.by_key_.find(key);
      if (it != table.by_key_.end() && it->second != display)
        warn(line_no, "'" + key + "' was already an alias of '" + it->second + "'; now of '" + display + "'");
      table.by_key_[key] = display;
    }
  }
  return table;
}

std::optional<AliasTable> AliasTable::load_file(const std::string& path, std::vector<std::string>* warnings) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (warnings) warnings->push_back(path + ": cannot read the alias file");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path, warnings);
}

void AliasTable::merge(const AliasTable& other) {
  for (const auto& [key, display] : other.by_key_) by_key_[key] = display;
}

const std::string* AliasTable::lookup(std::string_view name) const {
  auto it = by_key_.find(person_key(name));
  return it == by_key_.end() ? nullptr : &it->second;
}

}  // namespace newsearch
