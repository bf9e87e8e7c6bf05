// The terminal printer's snippet layout: every line of a snippet under the hit's indent, and
// wrapped at the terminal's width without counting colour codes or splitting UTF-8.
#include <catch2/catch.hpp>
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "searcher/print_text.hpp"

using namespace newsearch;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Columns as a terminal shows them: escape sequences take none, a UTF-8 character one.
std::size_t columns(const std::string& line) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\033') {
      while (i < line.size() && line[i] != 'm') ++i;
    } else if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) {
      ++n;
    }
  }
  return n;
}

}  // namespace

TEST_CASE("snippet lines: the article's line breaks keep the hit's indent", "[search][print]") {
  CHECK(indent_and_wrap("first paragraph\nsecond one", 5, 0) == "     first paragraph\n     second one\n");
  CHECK(indent_and_wrap("one line", 2, 0) == "  one line\n");
}

TEST_CASE("snippet lines: wrapped at spaces within the width", "[search][print]") {
  const std::string text =
      "\xE2\x80\xA6" "Crude \033[1;31moil\033[0m prices rose sharply on Tuesday after the cartel said it would cut "
      "output again, traders in Zürich and São Paulo said.\nA second paragraph follows here.";
  const std::string out = indent_and_wrap(text, 5, 40);
  const auto lines = lines_of(out);
  REQUIRE(lines.size() >= 4);
  std::string words;
  for (const auto& line : lines) {
    CHECK(line.rfind("     ", 0) == 0);
    CHECK(columns(line) <= 40);
    words += line.substr(5) + " ";
  }
  // Nothing lost or reordered: the words joined again are the text's (breaks as spaces).
  std::string expected = text + " ";
  std::replace(expected.begin(), expected.end(), '\n', ' ');
  CHECK(words == expected);
  CHECK(lines.back() == "     A second paragraph follows here.");
}

TEST_CASE("snippet lines: a word longer than the width stays whole", "[search][print]") {
  const std::string word(60, 'x');
  CHECK(indent_and_wrap("a " + word + " b", 2, 30) == "  a\n  " + word + "\n  b\n");
}
