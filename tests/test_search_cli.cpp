// newsearch against a small indexed corpus with known answers: each query form, sort,
// paging, snippets, JSON, facets, suggestions, errors and exit codes.
#include <catch2/catch.hpp>
#include <set>
#include <nlohmann/json.hpp>

#include "helpers.hpp"

using namespace testing;
using nlohmann::json;

namespace {

// Indexed once for all the tests in this file.
struct Corpus {
  TempDir dir;
  std::string db;
  Corpus() {
    db = dir / "db";
    const std::pair<const char*, std::string> articles[] = {
        {"a1.txt", article("Central bank holds interest rates", "Anna Berg", "10:00, 05 March, 2025",
                           "The central bank kept interest rates unchanged on Wednesday.\n"
                           "Christine Lagarde said inflation was easing across the region.",
                           "Christine Lagarde")},
        {"a2.txt", article("Markets rally after rate decision", "Piet de Vries", "09:00, 06 March, 2025",
                           "Shares rose after the interest rate decision. Traders expect a rate cut in June.")},
        {"a3.txt", article("Rates and interest: a primer", "Anna Berg", "2025-01-31",
                           "Rates of interest are what borrowers pay. This primer explains bonds.")},
        {"a4.txt", article("Ceasefire talks resume in Geneva", "Li Wei", "2025-02-28",
                           "Mark Rutte said the talks were useful. Volodymyr Zelenskyy thanked partners.")},
        {"a5.txt", article("Spain pledges flood aid", "Sofia Marin", "2024-11-02",
                           "Prime Minister Pedro S\xC3\xA1nchez promised aid to Valencia after the floods.")},
        {"a6.txt", article("Valencia rebuilds after floods", "Sofia Marin", "2024-12-31",
                           "Pedro Sanchez returned to Valencia as rebuilding began.")},
        {"a7.txt", article("NATO ministers meet", "Li Wei", "2025-03-01",
                           "Mark Rutte hosted the ministers. Rutte said unity mattered.", "NATO")},
        {"a8.txt", article("Chip export rules tightened", "Anna Berg", "2025-03-31",
                           "New rules on chip exports to several countries were announced by the ministry.")},
        {"a9.txt", article("Grain shipments resume", "Tom Hale", "2023-06-01",
                           "Grain shipments to U.S. ports resumed on Monday after a strike ended.")},
    };
    for (const auto& [name, text] : articles) write_file(dir / ("in/" + std::string(name)), text);
    const Run r = run(newsindex("-q --db " + db + " " + dir / "in"));
    if (r.status != 0) FAIL("indexing failed: " + r.err);
  }
};

Corpus& corpus() {
  static Corpus c;
  return c;
}

json search(const std::string& args, int expected_status = -1) {
  const Run r = run(newsearch("--json --db " + corpus().db + " " + args));
  INFO(args << "\n" << r.err);
  if (expected_status >= 0) REQUIRE(r.status == expected_status);
  REQUIRE(!r.out.empty());
  return json::parse(r.out);
}

std::vector<std::string> titles(const json& j) {
  std::vector<std::string> out;
  for (const auto& r : j["results"]) out.push_back(r["title"]);
  return out;
}

std::set<std::string> title_set(const json& j) {
  auto v = titles(j);
  return {v.begin(), v.end()};
}

}  // namespace

TEST_CASE("plain words: all must match BM25 ranks title matches first", "[search]") {
  auto j = search(quote("interest rates"), 0);
  CHECK(j["total"] == 3);
  CHECK(titles(j)[0] == "Central bank holds interest rates");
  CHECK(search("--any " + quote("ceasefire chip"))["total"] == 2);
}

TEST_CASE("phrases match inflected forms - exact forms do not", "[search]") {
  auto phrase = search(quote("\"interest rates\""));
  CHECK(title_set(phrase) == std::set<std::string>{"Central bank holds interest rates", "Markets rally after rate decision"});
  auto exact = search(quote("=\"interest rates\""));
  CHECK(title_set(exact) == std::set<std::string>{"Central bank holds interest rates"});
  CHECK(search(quote("=rate"))["total"] == 1);  // only "rate" itself, not "rates"
  CHECK(search(quote("rate"))["total"] == 3);
}

TEST_CASE("boolean operators NOT +/- NEAR wildcards", "[search]") {
  CHECK(search(quote("rutte NOT ceasefire"))["total"] == 1);
  CHECK(search(quote("rutte -ceasefire"))["total"] == 1);
  CHECK(search(quote("ceasefire OR chip"))["total"] == 2);
  CHECK(search(quote("(floods OR ceasefire) AND valencia"))["total"] == 2);
  CHECK(search(quote("talks NEAR/3 useful"))["total"] == 1);
  CHECK(search(quote("rutte NEAR/3 useful"))["total"] == 0);  // five words apart
  CHECK(search(quote("rutte NEAR/1 unity"))["total"] == 0);
  CHECK(search(quote("valen*"))["total"] == 2);
  // an operator word glued to a joiner is a word, as written: the -word keeps its NOT
  for (const char* q : {"rutte -ceasefire ADJ-2", "rutte -ceasefire NOT-for-profit", "rutte -ceasefire OR."}) {
    auto j = search(quote(q));
    INFO(q << " -> " << j["parsed"]);
    CHECK(j["parsed"].get<std::string>().find("AND_NOT Zceasefir") != std::string::npos);
    CHECK(j["notices"].empty());
  }
  // a lower-case "or" is a word (a function word, so it need not match): both words are needed
  CHECK(search(quote("ceasefire or chip"), 1)["total"] == 0);
}

TEST_CASE("acronyms with dots and their synonyms", "[search]") {
  // "U.S." is a word to Xapian, not a stray dot that turns the operators off
  for (const char* q : {"U.S. grain", "u.s. grain", "us grain", "United States grain", "USA OR US grain"}) {
    auto j = search(quote(q));
    INFO(q << " -> " << j["parsed"]);
    CHECK(j["total"] == 1);
    CHECK(j["notices"].empty());
  }
  CHECK(search(quote("U.S. -grain"), 1)["total"] == 0);
  CHECK(search(quote("(U.S. OR ports) AND shipments"))["total"] == 1);
}

TEST_CASE("function words need not match, except in phrases and alone", "[search]") {
  auto j = search(quote("what is the ceasefire"));
  CHECK(titles(j) == std::vector<std::string>{"Ceasefire talks resume in Geneva"});
  CHECK(search(quote("\"the ceasefire\""), 1)["total"] == 0);  // a phrase keeps them
  CHECK(search(quote("the"))["total"] > 0);                      // and a query of nothing else
}

TEST_CASE("fields", "[search]") {
  CHECK(search(quote("title:floods"))["total"] == 2);  // stemmed: "flood" too
  CHECK(search(quote("title:valencia"))["total"] == 1);
  CHECK(search(quote("author:berg"))["total"] == 3);
  CHECK(search(quote("author:\"Sofia Marin\""))["total"] == 2);
  CHECK(search(quote("person:rutte"))["total"] == 2);
  CHECK(search(quote("person:\"Mark Rutte\""))["total"] == 2);
  // ranked by how often the article names the person, the name marked in the snippet
  auto rutte = search(quote("person:rutte"));
  CHECK(titles(rutte) == std::vector<std::string>{"NATO ministers meet", "Ceasefire talks resume in Geneva"});
  CHECK(rutte["results"][0]["snippet"].get<std::string>().find("<mark>Rutte</mark> said unity") != std::string::npos);
  CHECK(search(quote("ministers person:\"Mark Rutte\""))["total"] == 1);
  // a title in the query is dropped, as the index holds names without theirs
  CHECK(search(quote("person:\"Prime Minister Mark Rutte\""))["total"] == 2);
  CHECK(search(quote("person:\"Mr Rutte\""))["total"] == 2);
  CHECK(search(quote("tag:lagarde"))["total"] == 1);
  CHECK(search(quote("tag:nato"))["total"] == 1);
  CHECK(search(quote("lang:en"))["total"] == 9);
  CHECK(search(quote("Title:valencia"))["total"] == 1);  // field names are case-insensitive
}

TEST_CASE("dates: days months years inclusive and open ranges", "[search]") {
  CHECK(search(quote("date:2025-03-01"))["total"] == 1);
  CHECK(search(quote("date:2025-03"))["total"] == 4);
  CHECK(search(quote("date:2024"))["total"] == 2);
  CHECK(search(quote("date:2025-02-28..2025-03-05"))["total"] == 3);  // both ends included
  CHECK(search(quote("date:2025-03-31.."))["total"] == 1);
  CHECK(search(quote("date:..2024-12-31"))["total"] == 3);
  CHECK(search("--since 2025-03 --until 2025-03-05 " + quote("date:2025"))["total"] == 2);
  auto bad = run(newsearch("--db " + corpus().db + " " + quote("date:2025-13")));
  CHECK(bad.status == 2);
  CHECK(bad.err.find("bad date '2025-13'") != std::string::npos);
  CHECK(run(newsearch("--db " + corpus().db + " --since yesterday x")).status == 2);
}

TEST_CASE("accents never hide a match", "[search]") {
  CHECK(search(quote("sanchez"))["total"] == 2);
  CHECK(search(quote("s\xC3\xA1nchez"))["total"] == 2);
}

TEST_CASE("a name typed as a word finds the person in every spelling", "[search][people]") {
  TempDir dir;
  write_file(dir / "in/1.txt", article("Kyiv thanks partners", "Li Wei", "2025-03-01",
                                       "President Volodymyr Zelenskyy thanked partners. Zelenskyy spoke for an hour."));
  write_file(dir / "in/2.txt", article("Зеленський подякував партнерам", "Li Wei", "2025-03-02",
                                       "Президент Володимир Зеленський подякував партнерам за підтримку."));
  write_file(dir / "in/3.txt", article("Talks in Paris", "Li Wei", "2025-03-03",
                                       "Volodymyr Zelensky met Emmanuel Macron in Paris. Macron promised aid."));
  write_file(dir / "in/4.txt", article("Grain exports", "Li Wei", "2025-03-04", "Grain exports rose in March."));
  REQUIRE(run(newsindex("-q --db " + dir / "db" + " " + dir / "in")).status == 0);
  auto total = [&](const std::string& q) {
    const Run r = run(newsearch("--json --db " + dir / "db" + " " + quote(q)));
    INFO(q << "\n" << r.err);
    return json::parse(r.out)["total"].get<int>();
  };
  CHECK(total("zelensky") == 3);  // the words alone: 1 ("Zelensky"), 1 ("Zelenskyy")
  CHECK(total("zelenskyy") == 3);
  CHECK(total("\xD0\x97\xD0\xB5\xD0\xBB\xD0\xB5\xD0\xBD\xD1\x81\xD1\x8C\xD0\xBA\xD0\xB8\xD0\xB9") == 3);
  // and each article's spelling is marked in its snippet
  for (const std::string q : {"zelensky", "zelenskyy", "\xD0\x97\xD0\xB5\xD0\xBB\xD0\xB5\xD0\xBD\xD1\x81\xD1\x8C\xD0\xBA\xD0\xB8\xD0\xB9",
                              "person:zelensky"}) {
    const json found = json::parse(run(newsearch("--json --db " + dir / "db" + " " + quote(q))).out);
    REQUIRE(found["results"].size() == 3);
    for (const auto& hit : found["results"]) {
      INFO(q << ": " << hit["snippet"]);
      const std::string snippet = hit["snippet"];
      CHECK((snippet.find("<mark>Zelensk") != std::string::npos ||
             snippet.find("<mark>\xD0\x97\xD0\xB5\xD0\xBB\xD0\xB5\xD0\xBD\xD1\x81\xD1\x8C\xD0\xBA\xD0\xB8\xD0\xB9</mark>") != std::string::npos));
    }
  }
  CHECK(total("zelensky grain") == 0);
  CHECK(total("zelensky -paris") == 2);
  CHECK(total("\"zelensky met\"") == 1);  // a phrase is the words as written
  // where every article naming the person has the word, the query is left as it is
  const Run macron = run(newsearch("--json --db " + dir / "db" + " macron"));
  CHECK(json::parse(macron.out)["parsed"].get<std::string>().find("XPW") == std::string::npos);
}

TEST_CASE("a small total is counted, not estimated, duplicates collapsed", "[search]") {
  TempDir dir;
  // 30 articles about Mark Rutte (two of them the same story), 30 about Mark Carney, and
  // the word "grain" in every third.
  for (int i = 0; i < 60; ++i) {
    const int n = i == 1 ? 0 : i;  // 1.txt repeats 0.txt
    const std::string body = std::string(n < 30 ? "Mark Rutte" : "Mark Carney") + " spoke on day " +
                             std::to_string(n) + (n % 3 == 0 ? " about grain." : " about budgets.") +
                             " Officials listened.";
    write_file(dir / ("in/" + std::to_string(i) + ".txt"),
               article("Speech " + std::to_string(n), "Li Wei", "2025-03-01", body));
  }
  REQUIRE(run(newsindex("-q --db " + dir / "db" + " " + dir / "in")).status == 0);
  auto totals = [&](const std::string& args) {
    const Run r = run(newsearch("--json --db " + dir / "db" + " " + args));
    INFO(args << "\n" << r.err);
    const json j = json::parse(r.out);
    return std::pair{j["total"].get<int>(), j["total_exact"].get<bool>()};
  };
  for (const auto& [args, total] : {std::pair<std::string, int>{quote("person:\"Mark Rutte\""), 29},
                                    {"--no-collapse " + quote("person:\"Mark Rutte\""), 30},
                                    {quote("person:rutte grain"), 10},
                                    {quote("officials"), 59}}) {
    INFO(args);
    CHECK(totals(args).first == total);
    CHECK(totals(args).second);
  }
}

TEST_CASE("sort orders and paging", "[search]") {
  auto newest = search("--sort newest " + quote("author:berg"));
  CHECK(titles(newest) == std::vector<std::string>{"Chip export rules tightened", "Central bank holds interest rates",
                                                   "Rates and interest: a primer"});
  auto oldest = search("--sort oldest " + quote("author:berg"));
  CHECK(titles(oldest).front() == "Rates and interest: a primer");
  auto page2 = search("--sort newest --limit 2 --offset 2 " + quote("author:berg"));
  CHECK(titles(page2) == std::vector<std::string>{"Rates and interest: a primer"});
  CHECK(page2["results"][0]["rank"] == 3);
  auto recent = search("--sort recent --half-life 1 " + quote("rates"));
  CHECK(titles(recent).front() != "Rates and interest: a primer");  // the oldest decays most
  CHECK(run(newsearch("--db " + corpus().db + " --sort sideways x")).status == 2);
}

TEST_CASE("snippets highlight the matched words - colour only on a terminal", "[search]") {
  auto j = search(quote("inflation"));
  CHECK(j["results"][0]["snippet"].get<std::string>().find("<mark>inflation</mark>") != std::string::npos);
  // A phrase highlights its words, inflected forms too (Xapian alone would highlight none).
  const std::string phrase = search(quote("\"interest rate\""))["results"][0]["snippet"];
  CHECK(phrase.find("<mark>interest</mark> <mark>rates</mark>") != std::string::npos);
  const Run piped = run(newsearch("--db " + corpus().db + " inflation"));
  CHECK(piped.status == 0);
  CHECK(piped.out.find("\033[") == std::string::npos);
  CHECK(piped.out.find("Central bank holds interest rates") != std::string::npos);
  const Run forced = run(newsearch("--color always --db " + corpus().db + " inflation"));
  CHECK(forced.out.find("\033[") != std::string::npos);
  const Run no_color = run("NO_COLOR=1 " + newsearch("--db " + corpus().db + " inflation"));
  CHECK(no_color.out.find("\033[") == std::string::npos);
}

TEST_CASE("JSON is complete - facets and timeline count all matches", "[search]") {
  auto j = search("--facets --timeline --limit 1 " + quote("date:2024..2025"));
  for (const char* key : {"format_version", "query", "parsed", "total", "offset", "limit", "elapsed_ms", "suggestion",
                          "results", "facets", "timeline", "unmatched", "notices"})
    CHECK(j.contains(key));
  CHECK(j["results"].size() == 1);
  for (const char* key : {"id", "path", "title", "authors", "date", "tags", "people", "snippet", "score", "rank"})
    CHECK(j["results"][0].contains(key));
  CHECK(j["facets"]["authors"][0] == json::array({"Anna Berg", 3}));
  unsigned months_total = 0;
  for (const auto& m : j["facets"]["months"]) months_total += m[1].get<unsigned>();
  CHECK(months_total == 8);
  CHECK(j["timeline"].front()[0] == "2024-11");
  CHECK(j["timeline"].back()[0] == "2025-03");
  CHECK(j["timeline"].size() == 5);  // empty months included
}

TEST_CASE("nothing found: exit 1 unmatched words and a spelling suggestion that finds something", "[search]") {
  const Run none = run(newsearch("--db " + corpus().db + " valencai"));
  CHECK(none.status == 1);
  CHECK(none.out.find("Did you mean: valencia") != std::string::npos);
  auto j = search(quote("valencai"), 1);
  CHECK(j["suggestion"] == "valencia");
  CHECK(j["unmatched"] == json::array({"valencai"}));
  CHECK(search(quote("zzqqxx"), 1)["suggestion"].is_null());
}

TEST_CASE("a misspelt person gets the closest name as a suggestion", "[search]") {
  auto j = search(quote("person:rotte"), 1);
  CHECK(j["suggestion"] == "person:rutte");
}

TEST_CASE("repairs are made and said - errors point at the problem", "[search]") {
  auto stray = search(quote("\"interest rates"));
  CHECK(stray["total"].get<int>() >= 1);
  CHECK(stray["notices"][0].get<std::string>().find("quote") != std::string::npos);
  auto paren = search(quote("(ceasefire OR chip"));
  CHECK(paren["total"] == 2);
  auto unknown = search(quote("colour:red ceasefire"), 1);
  CHECK(unknown["notices"][0].get<std::string>().find("unknown field 'colour:'") != std::string::npos);
  // its value is a word, even one that reads as an operator: not (valencia AND colour) OR ceasefire
  CHECK(search(quote("valencia colour:OR ceasefire"), 1)["total"] == 0);
  CHECK(search(quote("ceasefire AND"))["total"] == 1);  // Xapian rejects it; read as words
}

TEST_CASE("no database yet: one line saying where and how to create it", "[search]") {
  TempDir dir;
  const Run r = run(newsearch("--db " + dir / "none" + " anything"));
  CHECK(r.status == 2);
  CHECK(r.err.find(dir / "none") != std::string::npos);
  CHECK(r.err.find("newsindex --db") != std::string::npos);
}

TEST_CASE("article view and more-like-this", "[search]") {
  auto hit = search(quote("ceasefire"))["results"][0];
  const Run a = run(newsearch("--json --db " + corpus().db + " --article " + hit["id"].get<std::string>()));
  REQUIRE(a.status == 0);
  auto art = json::parse(a.out);
  CHECK(art["paragraphs"][0].get<std::string>().find("Mark Rutte said") != std::string::npos);
  auto like = search("--like " + hit["id"].get<std::string>());
  CHECK(like["total"].get<int>() >= 1);
  for (const auto& r : like["results"]) CHECK(r["id"] != hit["id"]);
}

TEST_CASE("bundled corpus: subsoil deal ranks the seed article first", "[search][corpus]") {
  TempDir dir;
  REQUIRE(run(newsindex("-q --db " + dir / "db" + " " + source_path("corpus"))).status <= 1);
  const Run r = run(newsearch("--json --db " + dir / "db" + " subsoil deal"));
  REQUIRE(r.status == 0);
  auto j = json::parse(r.out);
  CHECK(j["results"][0]["path"].get<std::string>().find("000_b8c9ca3be790383f.txt") != std::string::npos);
}

TEST_CASE("interactive prompt on a terminal: queries, commands, history from libedit", "[cli]") {
  if (run("command -v script").status != 0) {
    WARN("script (util-linux) missing: prompt test not run");
    return;
  }
  // script(1) gives newsearch a terminal; the second query is the up arrow, which only works
  // if libedit was loaded (history), then Enter.
  const Run r = run("printf 'zelenskyy\\n\\033[A\\n:help\\n' | timeout 20 script -qfec " +
                    quote(newsearch("--color never --limit 1 --db " + corpus().db)) + " /dev/null");
  CHECK(r.status == 0);
  CHECK(r.out.find("newsearch> ") != std::string::npos);
  CHECK(r.out.find(":open N") != std::string::npos);  // :help answered
  std::size_t pages = 0;
  for (std::size_t at = r.out.find("(1-1)"); at != std::string::npos; at = r.out.find("(1-1)", at + 1)) ++pages;
  CHECK(pages == 2);  // the query, then again from the history
}
