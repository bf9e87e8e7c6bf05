#include "common/parse_jsonl.hpp"

#include <nlohmann/json.hpp>

#include "common/parse_date.hpp"
#include "common/parse_text.hpp"
#include "common/utf8.hpp"

namespace newsearch {

namespace {

using nlohmann::json;

// A string or an array of strings as a list; anything else is an error.
bool string_list(const json& v, std::vector<std::string>& out, bool split_byline) {
  if (v.is_string()) {
    const auto s = v.get<std::string>();
    out = split_byline ? split_authors(s) : split_list(s);
    return true;
  }
  if (!v.is_array()) return v.is_null();
  for (const auto& item : v) {
    if (!item.is_string()) return false;
    auto s = std::string(trim(item.get<std::string>()));
    if (!s.empty()) out.push_back(std::move(s));
  }
  return true;
}

}  // namespace

std::optional<Article> parse_jsonl_line(std::string_view line, std::string* error) {
  auto fail = [&](std::string why) -> std::optional<Article> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  if (!is_valid_utf8(line)) return fail("invalid UTF-8");
  json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return fail("not valid JSON");
  if (!j.is_object()) return fail("not a JSON object");

  Article a;
  auto text_of = [&](const char* key, std::string& out) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return true;
    if (!it->is_string()) return false;
    out = it->get<std::string>();
    return true;
  };
  if (!text_of("title", a.title)) return fail("\"title\" is not a string");
  a.title = std::string(trim(a.title));
  std::string body;
  if (!text_of("body", body)) return fail("\"body\" is not a string");
  if (body.empty() && !text_of("text", body)) return fail("\"text\" is not a string");
  if (!text_of("url", a.url)) return fail("\"url\" is not a string");

  for (const char* key : {"authors", "author"}) {
    auto it = j.find(key);
    if (it != j.end() && a.authors.empty() && !string_list(*it, a.authors, true))
      return fail(std::string("\"") + key + "\" is not a string or list of strings");
  }
  if (auto it = j.find("tags"); it != j.end() && !string_list(*it, a.tags, false))
    return fail("\"tags\" is not a string or list of strings");

  std::string date_text;
  if (!text_of("date", date_text)) return fail("\"date\" is not a string");
  if (!trim(date_text).empty()) {
    a.date = parse_date(date_text);
    if (!a.date) a.warnings.push_back("unparseable date '" + date_text + "': indexed without a date");
  }

  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    auto para = trim(std::string_view(body).substr(start, end - start));
    if (!para.empty()) a.paragraphs.push_back({std::string(para), false});
    start = end + 1;
  }
  if (a.title.empty() && a.paragraphs.empty()) return fail("no title and no body");
  if (a.title.empty()) a.title = a.paragraphs.front().text.substr(0, 120);
  return a;
}

}  // namespace newsearch
