#include "common/stored_article.hpp"

#include <nlohmann/json.hpp>

namespace newsearch {

using nlohmann::json;

std::string StoredArticle::serialise() const {
  json j = {{"id", id},     {"title", title},     {"authors", authors},   {"tags", tags},
            {"people", people}, {"person_keys", person_keys}, {"path", path},
            {"abspath", abspath}, {"body", body}};
  j["date"] = date ? json(*date) : json(nullptr);
  if (line) j["line"] = line;
  if (!url.empty()) j["url"] = url;
  if (!language.empty()) j["lang"] = language;
  // Invalid UTF-8 was repaired by the parsers; replace anyway rather than throw.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

StoredArticle StoredArticle::unserialise(const std::string& data) {
  StoredArticle a;
  json j = json::parse(data, nullptr, false);
  if (!j.is_object()) return a;
  auto str = [&](const char* key, std::string& out) {
    if (auto it = j.find(key); it != j.end() && it->is_string()) out = it->get<std::string>();
  };
  auto list = [&](const char* key, std::vector<std::string>& out) {
    if (auto it = j.find(key); it != j.end() && it->is_array())
      for (const auto& v : *it)
        if (v.is_string()) out.push_back(v.get<std::string>());
  };
  str("id", a.id);
  str("title", a.title);
  list("authors", a.authors);
  list("tags", a.tags);
  list("people", a.people);
  list("person_keys", a.person_keys);
  str("path", a.path);
  str("abspath", a.abspath);
  str("url", a.url);
  str("lang", a.language);
  str("body", a.body);
  if (auto it = j.find("date"); it != j.end() && it->is_string()) a.date = it->get<std::string>();
  if (auto it = j.find("line"); it != j.end() && it->is_number_integer()) a.line = it->get<int>();
  return a;
}

}  // namespace newsearch
