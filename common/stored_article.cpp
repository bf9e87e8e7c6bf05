#include "common/stored_article.hpp"

#include <cstdint>

namespace newsearch {

// A compact length-prefixed binary record: read for every shown result, so it must be
// cheap to decode (JSON parsing was a fifth of query time).
namespace {

constexpr char kFormat = '\x01';

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void put_string(std::string& out, const std::string& s) {
  put_varint(out, s.size());
  out += s;
}

void put_list(std::string& out, const std::vector<std::string>& v) {
  put_varint(out, v.size());
  for (const auto& s : v) put_string(out, s);
}

struct Reader {
  const std::string& data;
  std::size_t pos = 1;
  bool ok = true;

  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= data.size()) {
        ok = false;
        return 0;
      }
      const auto b = static_cast<unsigned char>(data[pos++]);
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    ok = false;
    return 0;
  }
  std::string string() {
    const std::uint64_t n = varint();
    if (!ok || n > data.size() - pos) {
      ok = false;
      return {};
    }
    std::string s = data.substr(pos, n);
    pos += n;
    return s;
  }
  std::vector<std::string> list() {
    const std::uint64_t n = varint();
    std::vector<std::string> v;
    for (std::uint64_t i = 0; i < n && ok; ++i) v.push_back(string());
    return v;
  }
};

}  // namespace

std::string StoredArticle::serialise() const {
  std::string out(1, kFormat);
  put_string(out, id);
  put_string(out, title);
  put_list(out, authors);
  put_string(out, date ? *date : std::string());
  put_list(out, tags);
  put_list(out, people);
  put_list(out, person_keys);
  put_string(out, path);
  put_string(out, abspath);
  put_varint(out, static_cast<std::uint64_t>(line));
  put_string(out, url);
  put_string(out, language);
  put_string(out, body);
  return out;
}

StoredArticle StoredArticle::unserialise(const std::string& data) {
  StoredArticle a;
  if (data.empty() || data[0] != kFormat) return a;
  Reader r{data};
  a.id = r.string();
  a.title = r.string();
  a.authors = r.list();
  std::string date = r.string();
  if (!date.empty()) a.date = std::move(date);
  a.tags = r.list();
  a.people = r.list();
  a.person_keys = r.list();
  a.path = r.string();
  a.abspath = r.string();
  a.line = static_cast<int>(r.varint());
  a.url = r.string();
  a.language = r.string();
  a.body = r.string();
  return a;
}

}  // namespace newsearch
