#include "common/article.hpp"

#include <cstdio>

namespace newsearch {

namespace {
std::string format(const char* fmt, int a, int b, int c = 0, int d = 0, int e = 0) {
  char buf[64];  // five ints of up to 11 characters each: never truncated
  std::snprintf(buf, sizeof buf, fmt, a, b, c, d, e);
  return buf;
}
}  // namespace

std::string ArticleDate::iso_minute() const {
  return format("%04d-%02d-%02dT%02d:%02d", year, month, day, hour < 0 ? 0 : hour,
                minute < 0 ? 0 : minute);
}

std::string ArticleDate::sortable() const {
  return format("%04d%02d%02d%02d%02d", year, month, day, hour < 0 ? 0 : hour,
                minute < 0 ? 0 : minute);
}

std::string ArticleDate::iso_day() const { return format("%04d-%02d-%02d", year, month, day); }

std::string ArticleDate::iso_month() const { return format("%04d-%02d", year, month); }

std::string Article::body_text() const {
  std::string out;
  for (const auto& p : paragraphs) {
    if (!out.empty()) out += '\n';
    out += p.text;
  }
  return out;
}

}  // namespace newsearch
