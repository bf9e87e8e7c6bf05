#include "searcher/synonyms.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/analyzer.hpp"
#include "common/embedded_data.hpp"
#include "common/utf8.hpp"

namespace newsearch {

namespace {
std::string normalise(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : fold_accents(trim(s))) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}
}  // namespace

Synonyms Synonyms::builtin() {
  auto text = embedded_file("synonyms.txt");
  return parse(text ? *text : std::string_view{}, "synonyms.txt", nullptr);
}

Synonyms Synonyms::parse(std::string_view text, std::string_view source, std::vector<std::string>* warnings) {
  Synonyms out;
  std::size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    const auto nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> group;
    std::size_t start = 0;
    while (start <= line.size()) {
      auto end = line.find('|', start);
      if (end == std::string_view::npos) end = line.size();
      auto entry = normalise(line.substr(start, end - start));
      if (!entry.empty()) group.push_back(entry);
      start = end + 1;
    }
    if (group.size() < 2 || !is_valid_utf8(line)) {
      if (warnings)
        warnings->push_back(std::string(source) + ":" + std::to_string(line_no) +
                            ": a synonym line needs at least two entries separated by '|'");
      continue;
    }
    for (const auto& e : group)
      out.max_words_ = std::max<std::size_t>(out.max_words_, 1 + static_cast<std::size_t>(std::count(e.begin(), e.end(), ' ')));
    out.groups_.push_back(std::move(group));
  }
  return out;
}

std::optional<Synonyms> Synonyms::load_file(const std::string& path, std::vector<std::string>* warnings) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (warnings) warnings->push_back(path + ": cannot read synonyms file");
    return std::nullopt;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), path, warnings);
}

const std::vector<std::string>* Synonyms::group_of(std::string_view phrase) const {
  const std::string key = normalise(phrase);
  for (const auto& g : groups_)
    for (const auto& e : g)
      if (e == key) return &g;
  return nullptr;
}

}  // namespace newsearch
