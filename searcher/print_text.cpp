#include "searcher/print_text.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace newsearch {

using nlohmann::json;

namespace {

constexpr const char* kBold = "\033[1m";
constexpr const char* kDim = "\033[2m";
constexpr const char* kMatch = "\033[1;31m";
constexpr const char* kBlue = "\033[34m";
constexpr const char* kReset = "\033[0m";

std::string paint(const std::string& s, const char* code, bool color) { return color ? code + s + kReset : s; }

std::string join(const json& list, std::size_t max, const char* sep = ", ") {
  std::string out;
  std::size_t n = 0;
  for (const auto& v : list) {
    if (n == max) {
      out += sep + std::string("+") + std::to_string(list.size() - max);
      break;
    }
    out += (n++ ? sep : "") + v.get<std::string>();
  }
  return out;
}

std::string date_display(const json& d) {
  if (!d.is_string()) return "no date";
  std::string s = d.get<std::string>();
  if (s.size() == 16) s[10] = ' ';
  if (s.ends_with(" 00:00")) s.resize(10);
  return s;
}

}  // namespace

std::string snippet_for_terminal(const std::string& html, bool color) {
  std::string out;
  for (std::size_t i = 0; i < html.size();) {
    if (html.compare(i, 6, "<mark>") == 0) {
      if (color) out += kMatch;
      i += 6;
    } else if (html.compare(i, 7, "</mark>") == 0) {
      if (color) out += kReset;
      i += 7;
    } else if (html[i] == '&') {
      static const std::pair<const char*, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
      bool done = false;
      for (auto& [ent, ch] : kEntities) {
        const std::size_t len = std::char_traits<char>::length(ent);
        if (html.compare(i, len, ent) == 0) {
          out += ch;
          i += len;
          done = true;
          break;
        }
      }
      if (!done) out += html[i++];
    } else {
      out += html[i++];
    }
  }
  return out;
}

std::string indent_and_wrap(const std::string& text, std::size_t indent, std::size_t width) {
  const std::string pad(indent, ' ');
  // Narrower than this and wrapping would do more harm than good.
  const std::size_t room = width > indent + 20 ? width - indent : 0;
  std::string out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + begin, end - begin);
    // Columns: one per UTF-8 lead byte outside escape sequences; a break goes at a space.
    std::size_t line_start = 0, columns = 0, last_space = std::string::npos, columns_at_space = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const auto c = static_cast<unsigned char>(line[i]);
      if (c == 0x1b) {
        while (i < line.size() && line[i] != 'm') ++i;
        continue;
      }
      if ((c & 0xC0) == 0x80) continue;
      if (c == ' ') {
        last_space = i;
        columns_at_space = columns;
      }
      if (++columns > room && room > 0 && last_space != std::string::npos) {
        out += pad;
        out.append(line.substr(line_start, last_space - line_start));
        out += '\n';
        line_start = last_space + 1;
        columns -= columns_at_space + 1;
        last_space = std::string::npos;
      }
    }
    if (line_start < line.size() || line.empty()) {
      out += pad;
      out.append(line.substr(line_start));
      out += '\n';
    }
    if (end == text.size()) break;
    begin = end + 1;
  }
  return out;
}

std::size_t terminal_width() {
  winsize size{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    char* end = nullptr;
    const long n = std::strtol(columns, &end, 10);
    if (end != columns && *end == '\0' && n > 0 && n < 10000) return static_cast<std::size_t>(n);
  }
  return 0;
}

std::string format_results(const json& r, const TextStyle& style) {
  const bool c = style.color;
  std::string out;
  const auto total = r.value("total", 0u);
  const auto& results = r["results"];
  char head[160];
  std::snprintf(head, sizeof head, "%s%u result%s%s (%.1f ms)", r.value("total_exact", true) ? "" : "about ", total,
                total == 1 ? "" : "s",
                results.empty() ? "" : (" (" + std::to_string(r.value("offset", 0u) + 1) + "-" +
                                        std::to_string(r.value("offset", 0u) + results.size()) + ")").c_str(),
                r.value("elapsed_ms", 0.0));
  out += paint(head, kDim, c) + "\n";
  for (const auto& n : r.value("notices", json::array())) out += paint("note: " + n.get<std::string>(), kDim, c) + "\n";
  for (const auto& hit : results) {
    char rank[16];
    std::snprintf(rank, sizeof rank, "%3zu. ", hit.value("rank", std::size_t{0}));
    out += "\n" + std::string(rank) + paint(hit.value("title", std::string("(no title)")), kBold, c) + "\n";
    std::string meta = date_display(hit["date"]);
    if (!hit["authors"].empty()) meta += " \xC2\xB7 " + join(hit["authors"], 3);
    meta += " \xC2\xB7 " + hit.value("path", std::string());
    out += "     " + paint(meta, kDim, c) + "\n";
    if (!hit["people"].empty()) out += "     " + paint("people: " + join(hit["people"], style.people_shown), kBlue, c) + "\n";
    const std::string snip = snippet_for_terminal(hit.value("snippet", std::string()), c);
    if (!snip.empty()) out += indent_and_wrap(snip, 5, style.width);
    if (hit.value("similar", 0u) > 0)
      out += "     " + paint("+" + std::to_string(hit.value("similar", 0u)) + " similar (--no-collapse shows them)", kDim, c) + "\n";
  }
  if (results.empty()) {
    out += "No articles found.\n";
    if (r.contains("suggestion") && r["suggestion"].is_string())
      out += "Did you mean: " + paint(r["suggestion"].get<std::string>(), kBold, c) + "\n";
    if (!r.value("unmatched", json::array()).empty())
      out += "No article contains: " + join(r["unmatched"], 20) + "\n";
  }
  return out;
}

std::string format_facets(const json& facets, const TextStyle& style) {
  std::string out;
  for (const char* f : {"authors", "people", "tags", "months"}) {
    if (!facets.contains(f) || facets[f].empty()) continue;
    out += "\n" + paint(f, kBold, style.color) + "\n";
    for (const auto& pair : facets[f]) {
      char line[256];
      std::snprintf(line, sizeof line, "  %6u  %s\n", pair[1].get<unsigned>(), pair[0].get<std::string>().c_str());
      out += line;
    }
  }
  return out;
}

std::string format_timeline(const json& timeline, const TextStyle& style) {
  if (timeline.empty()) return "";
  unsigned max = 1;
  for (const auto& p : timeline) max = std::max(max, p[1].get<unsigned>());
  std::string out = "\n" + paint("timeline", kBold, style.color) + "\n";
  static const char* kLevels[] = {" ", "\xE2\x96\x81", "\xE2\x96\x82", "\xE2\x96\x83", "\xE2\x96\x84",
                                  "\xE2\x96\x85", "\xE2\x96\x86", "\xE2\x96\x87", "\xE2\x96\x88"};
  if (timeline.size() > 36) {  // a sparkline: one character per period
    std::string spark;
    for (const auto& p : timeline) {
      const unsigned n = p[1].get<unsigned>();
      spark += kLevels[n == 0 ? 0 : 1 + (n * 7) / max];
    }
    out += "  " + timeline.front()[0].get<std::string>() + " " + spark + " " + timeline.back()[0].get<std::string>() +
           "  (max " + std::to_string(max) + ")\n";
    return out;
  }
  for (const auto& p : timeline) {
    const unsigned n = p[1].get<unsigned>();
    const unsigned width = (n * 40 + max - 1) / max;
    std::string bar;
    for (unsigned i = 0; i < width; ++i) bar += kLevels[8];
    char line[64];
    std::snprintf(line, sizeof line, "  %-10s %5u ", p[0].get<std::string>().c_str(), n);
    out += line + paint(bar, kBlue, style.color) + "\n";
  }
  return out;
}

std::string format_article(const json& a, const TextStyle& style) {
  std::string out = paint(a.value("title", std::string()), kBold, style.color) + "\n";
  out += date_display(a["date"]);
  if (!a["authors"].empty()) out += " \xC2\xB7 " + join(a["authors"], 10);
  out += "\n" + a.value("abspath", std::string()) + "\n";
  if (!a["people"].empty()) out += "people: " + join(a["people"], 50) + "\n";
  if (!a["tags"].empty()) out += "tags: " + join(a["tags"], 50) + "\n";
  out += "\n";
  for (const auto& p : a["paragraphs"]) out += p.get<std::string>() + "\n\n";
  return out;
}

}  // namespace newsearch
