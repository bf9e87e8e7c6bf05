#include "searcher/print_text.hpp"

#include <algorithm>
#include <cstdio>

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
    if (!snip.empty()) out += "     " + snip + "\n";
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
