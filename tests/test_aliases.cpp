// The alias file: format, bad lines with line numbers, defaults, use by the extractor.
#include <catch2/catch.hpp>

#include <algorithm>

#include "common/aliases.hpp"
#include "common/article.hpp"
#include "common/cyrillic_cases.hpp"
#include "common/people.hpp"

using newsearch::AliasTable;

TEST_CASE("alias lines map every variant to the preferred name", "[aliases]") {
  std::vector<std::string> warnings;
  auto t = AliasTable::parse("# comment\n\nVolodymyr Zelenskyy = Zelenskyy | Zelensky | Зеленський\n", "a.txt", &warnings);
  CHECK(warnings.empty());
  REQUIRE(t.lookup("Зеленський"));
  CHECK(*t.lookup("Зеленський") == "Volodymyr Zelenskyy");
  REQUIRE(t.lookup("Zelenskiy"));  // a spelling person_key folds in, not listed
  CHECK(*t.lookup("Zelenskiy") == "Volodymyr Zelenskyy");
  CHECK(t.lookup("Volodymyr Zelenskyi") != nullptr);
  CHECK(t.lookup("Macron") == nullptr);
}

TEST_CASE("bad alias lines are reported with their line number and skipped", "[aliases]") {
  std::vector<std::string> warnings;
  auto t = AliasTable::parse(
      "Volodymyr Zelenskyy = Zelensky\n"
      "just a name without equals\n"
      " = Nobody\n"
      "Emmanuel Macron = Macron | | Macronn\n"
      "Vladimir Putin = Putin\n",
      "my-aliases.txt", &warnings);
  REQUIRE(warnings.size() == 3);
  CHECK(warnings[0].rfind("my-aliases.txt:2: ", 0) == 0);
  CHECK(warnings[1].rfind("my-aliases.txt:3: ", 0) == 0);
  CHECK(warnings[2].rfind("my-aliases.txt:4: ", 0) == 0);
  CHECK(t.lookup("Zelensky") != nullptr);
  CHECK(t.lookup("Putin") != nullptr);
  CHECK(t.lookup("Macron") == nullptr);
}

TEST_CASE("a missing alias file is a warning, not an exception", "[aliases]") {
  std::vector<std::string> warnings;
  auto t = AliasTable::load_file("/nonexistent/aliases.txt", &warnings);
  CHECK_FALSE(t.has_value());
  CHECK(warnings.size() == 1);
}

TEST_CASE("built-in aliases load without warnings", "[aliases]") {
  auto t = AliasTable::builtin();
  CHECK(t.size() > 10);
  REQUIRE(t.lookup("Владимир Зеленский"));
  CHECK(*t.lookup("Владимир Зеленский") == "Volodymyr Zelenskyy");
}

TEST_CASE("the extractor applies user aliases", "[aliases][people]") {
  std::vector<std::string> warnings;
  auto table = std::make_shared<AliasTable>(
      AliasTable::parse("Oleksandr Sienkevych = Alexander Senkevich\n", "u.txt", &warnings));
  newsearch::PeopleExtractor ex(table);
  newsearch::Article a;
  a.title = "Mayor speaks";
  a.paragraphs.push_back(newsearch::Paragraph{"Mykolaiv Mayor Alexander Senkevich said the city was ready."});
  auto people = ex.extract(a);
  REQUIRE(people.size() == 1);
  CHECK(people[0].display == "Oleksandr Sienkevych");
  CHECK(people[0].key == newsearch::person_key("Oleksandr Sienkevych"));
}

TEST_CASE("a Cyrillic name's case forms are aliases of the person", "[aliases]") {
  const auto forms = newsearch::cyrillic_case_forms("Кір Стармер");
  for (const char* f : {"Кіра Стармера", "Кіру Стармеру", "Кіром Стармером", "Кірові Стармерові"})
    CHECK(std::find(forms.begin(), forms.end(), f) != forms.end());
  const auto zelensky = newsearch::cyrillic_case_forms("Володимир Зеленський");
  CHECK(std::find(zelensky.begin(), zelensky.end(), "Володимира Зеленського") != zelensky.end());
  const auto leyen = newsearch::cyrillic_case_forms("Урсула фон дер Ляєн");
  CHECK(std::find(leyen.begin(), leyen.end(), "Урсули фон дер Ляєн") != leyen.end());
  CHECK(newsearch::cyrillic_case_forms("Марк Рютте").size() > 0);  // Марка Рютте
  CHECK(newsearch::cyrillic_case_forms("Рютте").empty());          // no word that changes
  CHECK(newsearch::cyrillic_case_forms("Keir Starmer").empty());

  std::vector<std::string> warnings;
  auto t = AliasTable::parse("Keir Starmer = Кір Стармер | Стармер\nKira Starmera = Кіра Стармера\n", "a.txt", &warnings);
  CHECK(warnings.empty());
  REQUIRE(t.lookup("Кіром Стармером"));
  CHECK(*t.lookup("Кіром Стармером") == "Keir Starmer");
  CHECK(*t.lookup("Стармером") == "Keir Starmer");
  CHECK(*t.lookup("Кіра Стармера") == "Kira Starmera");  // a name written out wins over a case form
}

TEST_CASE("inflected names in Ukrainian news are the listed people", "[aliases][people]") {
  newsearch::PeopleExtractor ex;
  newsearch::Article a;
  a.title = "Зустріч у Лондоні";
  for (const char* p : {"Президент Володимир Зеленський провів зустріч із прем'єр-міністром Кіром Стармером.",
                        "15 серпня Трамп провів зустріч із Путіним, після якої зателефонував Зеленському.",
                        "Генсек НАТО Марк Рютте підтримує позицію Володимира Зеленського."})
    a.paragraphs.push_back({p});
  std::vector<std::string> names;
  for (const auto& person : ex.extract(a)) names.push_back(person.display);
  CHECK(names == std::vector<std::string>{"Volodymyr Zelenskyy", "Keir Starmer", "Donald Trump", "Vladimir Putin",
                                          "Mark Rutte"});
}
