#include "common/parse_text.hpp"

#include <algorithm>

#include "common/analyzer.hpp"
#include "common/parse_date.hpp"
#include "common/utf8.hpp"

namespace newsearch {

namespace {

constexpr std::size_t kMaxHeaderLines = 12;
// The tag line's lead in the languages of the archive.
constexpr std::string_view kTagLeads[] = {"recent news about:", "останні новини про:", "последние новости о:"};

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(trim(text.substr(start, end - start)));
    start = end + 1;
  }
  return lines;
}

bool is_separator(std::string_view line) {
  return line == "-" || line == "\xE2\x80\xA2" /* • */ || line == "\xE2\x80\x93" /* – */ ||
         line == "\xE2\x80\x94" /* — */ || line == "*" || line == "--";
}

// "- Author", "– Author", "— Author", "By Author"
std::optional<std::string_view> byline(std::string_view line) {
  for (std::string_view lead : {"- ", "\xE2\x80\x93 ", "\xE2\x80\x94 ", "By ", "by "}) {
    if (line.starts_with(lead) && line.size() > lead.size()) return trim(line.substr(lead.size()));
  }
  return std::nullopt;
}

// A line that stands where the date goes but is not one we can read: short, has a digit,
// and does not read like a sentence.
bool looks_like_failed_date(std::string_view line) {
  if (line.size() > 40) return false;
  if (std::none_of(line.begin(), line.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  return !(line.ends_with('.') || line.ends_with('!') || line.ends_with('?'));
}

// A subheading: a short line without final punctuation.
bool is_subheading(std::string_view line) {
  if (line.size() > 100) return false;
  const std::size_t words = static_cast<std::size_t>(std::count(line.begin(), line.end(), ' ')) + 1;
  if (words > 12) return false;
  for (std::string_view end : {".", "!", "?", ":", ";", ",", "\"", "'", ")", "]",
                               "\xC2\xBB" /* » */, "\xE2\x80\x9D" /* ” */, "\xE2\x80\xA6" /* … */}) {
    if (line.ends_with(end)) return false;
  }
  return true;
}

void warn(Article& a, std::vector<std::string>* sink, std::string message) {
  if (sink) sink->push_back(message);
  a.warnings.push_back(std::move(message));
}

}  // namespace

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    auto item = trim(text.substr(start, end - start));
    if (!item.empty()) out.emplace_back(item);
    start = end + 1;
  }
  return out;
}

std::vector<std::string> split_authors(std::string_view byline_text) {
  std::string normalised(byline_text);
  // " and " and " & " become commas, then split on commas.
  for (std::string_view conj : {" and ", " & ", " AND "}) {
    for (std::size_t p; (p = normalised.find(conj)) != std::string::npos;)
      normalised.replace(p, conj.size(), ",");
  }
  std::vector<std::string> authors = split_list(normalised);
  // A byline's "By": "By Anna Berg", "BY ANNA BERG and Li Wei".
  for (std::string& name : authors) {
    if (name.size() > 3 && (name[0] == 'B' || name[0] == 'b') && (name[1] == 'y' || name[1] == 'Y') && name[2] == ' ')
      name = std::string(trim(std::string_view(name).substr(3)));
  }
  std::erase_if(authors, [](const std::string& name) { return name.empty(); });
  return authors;
}

std::string detect_language(std::string_view text, const std::string& latin_default) {
  std::size_t latin = 0, cyrillic = 0, ukrainian_only = 0;
  for (std::size_t i = 0; i < text.size() && i < 20000;) {
    const char32_t c = next_code_point(text, i);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F))
      ++latin;
    else if (c >= 0x400 && c <= 0x4FF) {
      ++cyrillic;
      // і ї є ґ (and capitals): Ukrainian letters absent from Russian.
      if (c == 0x456 || c == 0x457 || c == 0x454 || c == 0x491 || c == 0x406 || c == 0x407 ||
          c == 0x404 || c == 0x490)
        ++ukrainian_only;
    }
  }
  if (cyrillic > latin) return ukrainian_only * 200 >= cyrillic ? "uk" : "ru";
  return latin_default;
}

std::optional<Article> parse_article_text(std::string_view raw, std::vector<std::string>* warnings) {
  Article a;
  std::string repaired;
  raw = strip_bom(raw);
  if (!is_valid_utf8(raw)) {
    std::size_t repairs = 0;
    repaired = repair_utf8(raw, &repairs);
    raw = repaired;
    warn(a, warnings,
         "invalid UTF-8 repaired (" + std::to_string(repairs) + " byte sequence" +
             (repairs == 1 ? "" : "s") + " replaced by U+FFFD)");
  }
  auto lines = split_lines(raw);
  std::size_t i = 0;
  while (i < lines.size() && (lines[i].empty() || is_separator(lines[i]))) ++i;
  if (i == lines.size()) return std::nullopt;
  a.title = std::string(lines[i++]);

  // Header: separators, byline, date, blank lines, in any order, until the first body line.
  bool date_slot_seen = false;
  const std::size_t header_end = std::min(lines.size(), i + kMaxHeaderLines);
  for (; i < header_end; ++i) {
    const auto line = lines[i];
    if (line.empty()) continue;
    if (is_separator(line)) {
      if (line != "-") date_slot_seen = true;  // the "•" marker precedes the date
      continue;
    }
    if (a.authors.empty() && !a.date) {
      if (auto by = byline(line)) {
        a.authors = split_authors(*by);
        continue;
      }
    }
    if (!a.date) {
      if (auto d = parse_date(line)) {
        a.date = d;
        ++i;
        break;
      }
      if ((date_slot_seen || !a.authors.empty()) && looks_like_failed_date(line)) {
        warn(a, warnings, "unparseable date '" + std::string(line) + "': indexed without a date");
        ++i;
        break;
      }
    }
    break;  // first body line
  }

  // Body, with the tag line taken off the end.
  std::size_t end = lines.size();
  while (end > i && lines[end - 1].empty()) --end;
  std::size_t lead = 0;
  if (end > i) {
    const std::string last = fold_accents(lines[end - 1].substr(0, 64));
    for (auto l : kTagLeads)
      if (last.starts_with(l)) lead = l.size();
  }
  if (lead) {
    auto tag_text = lines[end - 1].substr(lead);
    for (auto& t : split_list(tag_text)) a.tags.push_back(std::move(t));
    --end;
  }
  for (; i < end; ++i) {
    if (lines[i].empty() || is_separator(lines[i])) continue;
    a.paragraphs.push_back({std::string(lines[i]), is_subheading(lines[i])});
  }
  return a;
}

}  // namespace newsearch
