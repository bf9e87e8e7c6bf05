// See article_reader.hpp.
#include "article_reader.hpp"

#include <regex>

namespace newsearch::tools {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

Article read_article_text(std::string_view text) {
  static const std::regex kDate(R"(^\d{1,2}:\d{2}, \d{1,2} [A-Za-z]+, \d{4}$)");
  Article a;
  std::size_t pos = 0;
  int state = 0;  // 0 title, 1 header, 2 body
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (state == 0) {
      a.title = std::string(line);
      state = 1;
    } else if (state == 1) {
      if (line == "-" || line == "\xE2\x80\xA2" || line.empty()) continue;
      if (line.substr(0, 2) == "- ") {
        a.authors.emplace_back(trim(line.substr(2)));
        continue;
      }
      state = 2;
      if (std::regex_match(line.begin(), line.end(), kDate)) continue;
      a.paragraphs.push_back(Paragraph{std::string(line)});
    } else if (!line.empty()) {
      a.paragraphs.push_back(Paragraph{std::string(line)});
    }
  }
  constexpr std::string_view kTags = "Recent news about:";
  if (!a.paragraphs.empty() && a.paragraphs.back().text.rfind(kTags, 0) == 0) {
    std::string_view tags = std::string_view(a.paragraphs.back().text).substr(kTags.size());
    while (!tags.empty()) {
      std::size_t comma = tags.find(',');
      std::string_view t = trim(tags.substr(0, comma));
      if (!t.empty()) a.tags.emplace_back(t);
      if (comma == std::string_view::npos) break;
      tags.remove_prefix(comma + 1);
    }
    a.paragraphs.pop_back();
  }
  return a;
}

}  // namespace newsearch::tools
