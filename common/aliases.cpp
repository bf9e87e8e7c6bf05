// Alias file parsing and lookup (see aliases.hpp and docs/aliases.md).
#include "common/aliases.hpp"

#include <fstream>
#include <sstream>

#include "common/cyrillic_cases.hpp"
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
  // Parsed once: each extractor takes a copy (the case forms make it a few thousand names).
  static const AliasTable table = [] {
    auto text = embedded_file("aliases.txt");
    return text ? parse(*text, "aliases.txt (built in)", nullptr) : AliasTable{};
  }();
  return table;
}

AliasTable AliasTable::parse(std::string_view text, std::string_view source,
                             std::vector<std::string>* warnings) {
  AliasTable table;
  std::vector<std::pair<std::string, std::string>> inflected;  // case form's key -> display
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
    std::vector<std::string_view> names{trim(line.substr(0, eq))};
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
      names.push_back(variant);
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
      table.add(key, display);
    }
    for (std::string_view name : names)
      for (const std::string& form : cyrillic_case_forms(name)) inflected.emplace_back(person_key(form), display);
  }
  // After every line: a name written out wins over another's case form.
  for (auto& [key, display] : inflected)
    if (!table.by_key_.count(key)) table.add(std::move(key), std::move(display));
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
  for (const auto& [key, display] : other.by_key_) add(key, display);
}

void AliasTable::add(std::string key, std::string display) {
  if (const std::size_t space = key.find(' '); space != std::string::npos) first_words_.insert(key.substr(0, space));
  by_key_[std::move(key)] = std::move(display);
}

const std::string* AliasTable::lookup(std::string_view name) const {
  auto it = by_key_.find(person_key(name));
  return it == by_key_.end() ? nullptr : &it->second;
}

}  // namespace newsearch
