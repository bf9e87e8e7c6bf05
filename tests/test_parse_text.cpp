// The article parser on the seed article and on every messy variant the issue lists.
#include <catch2/catch.hpp>

#include "common/parse_text.hpp"
#include "helpers.hpp"

using namespace newsearch;

namespace {
Article parse(const std::string& text) {
  auto a = parse_article_text(text);
  REQUIRE(a);
  return *a;
}
const std::string kBody = "The council met on Tuesday and agreed the budget.\nIt will be published next week.";
}  // namespace

TEST_CASE("seed article parses to its exact fields", "[parse]") {
  const Article a = parse(testing::read_file(testing::source_path("corpus/000_b8c9ca3be790383f.txt")));
  CHECK(a.title == "NATO Secretary General says Zelenskyy should restore relations with Trump");
  REQUIRE(a.authors.size() == 1);
  CHECK(a.authors[0] == "Alona Kokhanchuk");
  REQUIRE(a.date);
  CHECK(a.date->iso_minute() == "2025-03-01T21:09");
  REQUIRE(a.tags.size() == 1);
  CHECK(a.tags[0] == "Volodymyr Zelenskyi");
  REQUIRE(a.paragraphs.size() == 15);
  CHECK(a.paragraphs[0].text.starts_with("NATO Secretary General Mark Rutte said"));
  CHECK(a.paragraphs[5].text == "The dispute in the Oval Office");
  CHECK(a.paragraphs[5].subheading);
  CHECK_FALSE(a.paragraphs[0].subheading);
  CHECK(a.paragraphs.back().text.starts_with("After an altercation"));
  CHECK(a.warnings.empty());
}

TEST_CASE("CRLF line ends and a BOM", "[parse]") {
  std::string text = "\xEF\xBB\xBFTitle here\r\n-\r\n- Jane Roe\r\n-\r\n\xE2\x80\xA2\r\n-\r\n09:30, 02 April, 2024\r\nFirst paragraph.\r\nSecond.\r\n";
  const Article a = parse(text);
  CHECK(a.title == "Title here");
  CHECK(a.authors == std::vector<std::string>{"Jane Roe"});
  CHECK(a.date->iso_minute() == "2024-04-02T09:30");
  REQUIRE(a.paragraphs.size() == 2);
  CHECK(a.paragraphs[0].text == "First paragraph.");
}

TEST_CASE("missing separator lines", "[parse]") {
  const Article a = parse("Budget agreed\n- Jane Roe\n12:00, 03 May, 2024\n" + kBody);
  CHECK(a.authors == std::vector<std::string>{"Jane Roe"});
  CHECK(a.date->iso_minute() == "2024-05-03T12:00");
  CHECK(a.paragraphs.size() == 2);
}

TEST_CASE("no author line", "[parse]") {
  const Article a = parse("Budget agreed\n-\n\xE2\x80\xA2\n-\n12:00, 03 May, 2024\n" + kBody);
  CHECK(a.authors.empty());
  CHECK(a.date);
  CHECK(a.paragraphs.size() == 2);
}

TEST_CASE("several authors", "[parse]") {
  CHECK(parse("T\n-\n- Anna Berg and Piet de Vries\n-\n01 March 2025 10:00\n" + kBody).authors ==
        std::vector<std::string>{"Anna Berg", "Piet de Vries"});
  CHECK(parse("T\n-\n- Anna Berg, Piet de Vries, Li Wei\n-\n01 March 2025 10:00\n" + kBody).authors ==
        std::vector<std::string>{"Anna Berg", "Piet de Vries", "Li Wei"});
  // a byline's "By" is no part of the name
  CHECK(parse("T\n-\n- By Anna Berg and by Li Wei\n-\n01 March 2025 10:00\n" + kBody).authors ==
        std::vector<std::string>{"Anna Berg", "Li Wei"});
  CHECK(parse("T\n-\n- BY ANNA BERG\n-\n01 March 2025 10:00\n" + kBody).authors == std::vector<std::string>{"ANNA BERG"});
  CHECK(parse("T\n-\n- Byron Scott\n-\n01 March 2025 10:00\n" + kBody).authors == std::vector<std::string>{"Byron Scott"});
}

TEST_CASE("missing or empty date", "[parse]") {
  const Article missing = parse("T\n-\n- Anna Berg\n-\n\xE2\x80\xA2\n-\n" + kBody);
  CHECK_FALSE(missing.date);
  CHECK(missing.paragraphs.size() == 2);
  CHECK(missing.warnings.empty());
  const Article empty = parse("T\n-\n- Anna Berg\n-\n\xE2\x80\xA2\n-\n\n" + kBody);
  CHECK_FALSE(empty.date);
  CHECK(empty.paragraphs.size() == 2);
}

TEST_CASE("an unparseable date is reported and the article kept", "[parse]") {
  const Article a = parse("T\n-\n- Anna Berg\n-\n\xE2\x80\xA2\n-\n32 Smarch 2025\n" + kBody);
  CHECK_FALSE(a.date);
  REQUIRE(a.warnings.size() == 1);
  CHECK(a.warnings[0].find("unparseable date") != std::string::npos);
  CHECK(a.paragraphs.size() == 2);
}

TEST_CASE("every date form in the header", "[parse]") {
  struct Case {
    const char* line;
    const char* iso;
  } cases[] = {
      {"2025-03-01", "2025-03-01T00:00"},
      {"2025-03-01T21:09:00+02:00", "2025-03-01T21:09"},
      {"March 1, 2025", "2025-03-01T00:00"},
      {"1 March 2025 21:09", "2025-03-01T21:09"},
      {"01.03.2025 21:09", "2025-03-01T21:09"},
      {"21:09, 01 March, 2025", "2025-03-01T21:09"},
  };
  for (const auto& c : cases) {
    INFO(c.line);
    const Article a = parse(std::string("T\n-\n- A B\n-\n") + c.line + "\n" + kBody);
    REQUIRE(a.date);
    CHECK(a.date->iso_minute() == c.iso);
    CHECK(a.paragraphs.size() == 2);
  }
}

TEST_CASE("plain text with no header: the first line is the title", "[parse]") {
  const Article a = parse("A plain headline\nThe first paragraph says something.\nThe second one too.\n");
  CHECK(a.title == "A plain headline");
  CHECK(a.authors.empty());
  CHECK_FALSE(a.date);
  CHECK(a.paragraphs.size() == 2);
}

TEST_CASE("Cyrillic text", "[parse]") {
  const Article a = parse(
      "Зеленський зустрівся з Рютте\n-\n- Олена Коваль\n-\n\xE2\x80\xA2\n-\n10:15, 05 March, 2025\n"
      "Президент України Володимир Зеленський провів зустріч у Києві.\n");
  CHECK(a.title == "Зеленський зустрівся з Рютте");
  CHECK(a.authors == std::vector<std::string>{"Олена Коваль"});
  CHECK(detect_language(a.title + a.body_text(), "en") == "uk");
  const Article tagged = parse("Т\n-\n- О К\n-\n19 серпня 2025\nТекст.\nОстанні новини про: Володимир Зеленський\n");
  CHECK(tagged.tags == std::vector<std::string>{"Володимир Зеленський"});
  CHECK(tagged.date->iso_day() == "2025-08-19");
  CHECK(detect_language("Президент России Владимир Путин заявил", "en") == "ru");
  CHECK(detect_language("The president said", "en") == "en");
}

TEST_CASE("invalid UTF-8 is repaired and reported", "[parse]") {
  const Article a = parse("Bad \xFF bytes\n-\n- A B\n-\n2025-01-02\nText with \xC3 broken byte.\n");
  CHECK(a.title == "Bad \xEF\xBF\xBD bytes");
  REQUIRE(a.warnings.size() == 1);
  CHECK(a.warnings[0].find("invalid UTF-8 repaired (2") != std::string::npos);
}

TEST_CASE("tag line with several tags - blank input", "[parse]") {
  const Article a = parse("T\n-\n- A B\n-\n2025-01-02\nBody.\nRecent news about: Trade and tariffs, Donald Trump\n");
  CHECK(a.tags == std::vector<std::string>{"Trade and tariffs", "Donald Trump"});
  CHECK(a.paragraphs.size() == 1);
  CHECK_FALSE(parse_article_text(""));
  CHECK_FALSE(parse_article_text(" \n\r\n\t\n"));
}
