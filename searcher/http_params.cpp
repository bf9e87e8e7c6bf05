#include "searcher/http_params.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <initializer_list>
#include <string_view>

#include "common/parse_date.hpp"
#include "common/utf8.hpp"

namespace newsearch {

namespace {

// A parameter name echoed in an error must itself be safe to print and to put in JSON.
std::string printable_name(const std::string& name) {
  std::string s = repair_utf8(name.substr(0, 64));
  return name.size() > 64 ? s + "..." : s;
}

// Unknown or repeated parameters are refused rather than ignored: a typo such as
// "limt=5" should say so instead of silently returning ten results.
std::optional<ParamError> check_names(const HttpParams& params, std::initializer_list<std::string_view> known) {
  std::string expected;
  for (auto k : known) expected += (expected.empty() ? "" : ", ") + std::string(k);
  for (auto it = params.begin(); it != params.end(); it = params.upper_bound(it->first)) {
    if (std::find(known.begin(), known.end(), it->first) == known.end())
      return ParamError{printable_name(it->first), "unknown parameter; expected one of: " + expected};
    if (params.count(it->first) > 1) return ParamError{it->first, it->first + " is given more than once"};
  }
  return std::nullopt;
}

const std::string* find(const HttpParams& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? nullptr : &it->second;
}

// Text that reaches the engine: bounded, well-formed UTF-8, no control characters
// (they have no meaning in a query and only make logs and errors unreadable).
std::optional<ParamError> check_text(const std::string& name, const std::string& value, std::size_t max_bytes) {
  if (value.size() > max_bytes)
    return ParamError{name, name + " is too long (" + std::to_string(value.size()) + " bytes; at most " +
                                std::to_string(max_bytes) + ")"};
  if (!is_valid_utf8(value)) return ParamError{name, name + " is not valid UTF-8"};
  for (unsigned char c : value)
    if ((c < 0x20 && c != '\t') || c == 0x7f) return ParamError{name, name + " contains a control character"};
  return std::nullopt;
}

std::optional<ParamError> parse_count(const HttpParams& params, const std::string& name, std::size_t min,
                                      std::size_t max, std::size_t& out) {
  const std::string* v = find(params, name);
  if (!v) return std::nullopt;
  const ParamError range{name, name + " must be a whole number from " + std::to_string(min) + " to " +
                                   std::to_string(max)};
  if (v->empty() || v->size() > 9 || !std::all_of(v->begin(), v->end(), [](char c) { return c >= '0' && c <= '9'; }))
    return range;
  const std::size_t n = std::stoul(*v);
  if (n < min || n > max) return range;
  out = n;
  return std::nullopt;
}

std::optional<ParamError> parse_flag(const HttpParams& params, const std::string& name, bool& out) {
  const std::string* v = find(params, name);
  if (!v) return std::nullopt;
  if (*v != "0" && *v != "1") return ParamError{name, name + " must be 0 or 1"};
  out = *v == "1";
  return std::nullopt;
}

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Strictly YYYY, YYYY-MM or YYYY-MM-DD with a real month and day; returns the first or
// last day it covers as YYYY-MM-DD so that two bounds can be compared as strings.
std::optional<std::string> date_bound(std::string_view s, bool upper) {
  if (!(s.size() == 4 || s.size() == 7 || s.size() == 10)) return std::nullopt;
  if (!all_digits(s.substr(0, 4))) return std::nullopt;
  const int year = std::stoi(std::string(s.substr(0, 4)));
  int month = upper ? 12 : 1;
  if (s.size() >= 7) {
    if (s[4] != '-' || !all_digits(s.substr(5, 2))) return std::nullopt;
    month = std::stoi(std::string(s.substr(5, 2)));
    if (month < 1 || month > 12) return std::nullopt;
  }
  int day = upper ? days_in_month(year, month) : 1;
  if (s.size() == 10) {
    if (s[7] != '-' || !all_digits(s.substr(8, 2))) return std::nullopt;
    day = std::stoi(std::string(s.substr(8, 2)));
    if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
  }
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, month, day);
  return std::string(out);
}

std::optional<ParamError> parse_date_param(const HttpParams& params, const std::string& name, bool upper,
                                           std::optional<std::string>& out, std::string& bound) {
  const std::string* v = find(params, name);
  if (!v) return std::nullopt;
  auto b = date_bound(*v, upper);
  if (!b) return ParamError{name, name + " must be a date YYYY, YYYY-MM or YYYY-MM-DD"};
  out = *v;
  bound = *b;
  return std::nullopt;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A malformed escape ("%zz", a lone "%") stays as written: validation then judges the text.
std::string form_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

HttpParams parse_query_string(std::string_view target) {
  HttpParams params;
  const auto question = target.find('?');
  if (question == std::string_view::npos) return params;
  std::string_view rest = target.substr(question + 1);
  if (auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    params.emplace(form_decode(pair.substr(0, eq)),
                   eq == std::string_view::npos ? std::string() : form_decode(pair.substr(eq + 1)));
  }
  return params;
}

Checked<SearchRequest> parse_search_params(const HttpParams& params) {
  Checked<SearchRequest> r;
  SearchRequest& req = r.value;
  if ((r.error = check_names(params, {"q", "offset", "limit", "sort", "since", "until", "facets", "timeline"})))
    return r;
  const std::string* q = find(params, "q");
  if (!q || std::string_view(trim(*q)).empty()) {
    r.error = ParamError{"q", "q is required: the query to search for"};
    return r;
  }
  if ((r.error = check_text("q", *q, kMaxQueryBytes))) return r;
  req.query = *q;
  if ((r.error = parse_count(params, "offset", 0, kMaxOffset, req.offset))) return r;
  if ((r.error = parse_count(params, "limit", 1, kMaxLimit, req.limit))) return r;
  if (const std::string* sort = find(params, "sort")) {
    auto order = sort->size() <= 16 ? parse_sort(*sort) : std::nullopt;
    if (!order) {
      r.error = ParamError{"sort", "sort must be one of relevance, newest, oldest, recent"};
      return r;
    }
    req.sort = *order;
  }
  std::string since_bound, until_bound;
  if ((r.error = parse_date_param(params, "since", false, req.since, since_bound))) return r;
  if ((r.error = parse_date_param(params, "until", true, req.until, until_bound))) return r;
  if (req.since && req.until && since_bound > until_bound) {
    r.error = ParamError{"until", "until is before since"};
    return r;
  }
  if ((r.error = parse_flag(params, "facets", req.facets))) return r;
  if ((r.error = parse_flag(params, "timeline", req.timeline))) return r;
  return r;
}

Checked<std::string> parse_article_params(const HttpParams& params) {
  Checked<std::string> r;
  if ((r.error = check_names(params, {"id"}))) return r;
  const std::string* id = find(params, "id");
  const bool hex16 = id && id->size() == 16 && std::all_of(id->begin(), id->end(), [](char c) {
                       return std::isxdigit(static_cast<unsigned char>(c));
                     });
  if (!hex16) {
    r.error = ParamError{"id", "id must be an article id: 16 hex digits"};
    return r;
  }
  // Ids are written in lower case; an upper-case copy from somewhere is the same article.
  for (char c : *id) r.value += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

Checked<SuggestRequest> parse_suggest_params(const HttpParams& params) {
  Checked<SuggestRequest> r;
  if ((r.error = check_names(params, {"q", "limit"}))) return r;
  const std::string* q = find(params, "q");
  if (!q) {
    r.error = ParamError{"q", "q is required: the text typed so far"};
    return r;
  }
  if ((r.error = check_text("q", *q, kMaxQueryBytes))) return r;
  r.value.prefix = *q;
  if ((r.error = parse_count(params, "limit", 1, kMaxSuggestions, r.value.limit))) return r;
  return r;
}

}  // namespace newsearch
