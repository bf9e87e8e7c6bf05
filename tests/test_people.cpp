// People extraction on real sentences: what counts as a person, coreference, the seed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include "common/parse_text.hpp"
#include "common/people.hpp"

using newsearch::Article;
using newsearch::Paragraph;
using newsearch::PeopleExtractor;
using newsearch::Person;

namespace {

std::vector<std::string> displays(const Article& a) {
  static const PeopleExtractor extractor;
  std::vector<std::string> out;
  for (const Person& p : extractor.extract(a)) out.push_back(p.display);
  return out;
}

std::vector<std::string> people_in(const std::string& body, const std::string& title = "Talks resume",
                                   std::vector<std::string> tags = {}) {
  Article a;
  a.title = title;
  a.paragraphs.push_back(Paragraph{body});
  a.tags = std::move(tags);
  return displays(a);
}

// The people of an article of several paragraphs (a wire story's lines).
std::vector<std::string> people_in_lines(const std::string& title, std::initializer_list<std::string> lines) {
  Article a;
  a.title = title;
  for (const auto& line : lines) a.paragraphs.push_back(Paragraph{line});
  return displays(a);
}

bool has(const std::vector<std::string>& v, const std::string& name) {
  return std::find(v.begin(), v.end(), name) != v.end();
}

bool mentions_word(const std::vector<std::string>& v, const std::string& word) {
  for (const auto& d : v)
    if (d.find(word) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("full names, initials, particles, hyphens and apostrophes are people", "[people]") {
  CHECK(has(people_in("NATO Secretary General Mark Rutte said the alliance would stand together."), "Mark Rutte"));
  CHECK(has(people_in("The talks were attended by J.D. Vance and the delegation from Kyiv."), "J.D. Vance"));
  CHECK(has(people_in("The plan was backed by Ursula von der Leyen on Monday."), "Ursula von der Leyen"));
  CHECK(has(people_in("The former Commission head Jean-Claude Juncker said the deal was fair."), "Jean-Claude Juncker"));
  CHECK(has(people_in("The show was hosted by Conan O'Brien for many years, the network said."), "Conan O'Brien"));
}

TEST_CASE("names behind titles and roles lose the title", "[people]") {
  CHECK(people_in("Polish Prime Minister Donald Tusk addressed Ukrainians.") == std::vector<std::string>{"Donald Tusk"});
  CHECK(people_in("Mykolaiv Mayor Oleksandr Sienkevych said it was time for Europe to unite.") ==
        std::vector<std::string>{"Oleksandr Sienkevych"});
  CHECK(people_in("President of the European Commission Ursula von der Leyen addressed him.") ==
        std::vector<std::string>{"Ursula von der Leyen"});
  CHECK(people_in("He instructed National Security Advisor Mike Waltz to convey the message.") ==
        std::vector<std::string>{"Mike Waltz"});
}

TEST_CASE("names after Dear, in possessives and as surnames alone", "[people]") {
  CHECK(has(people_in("He wrote: «Dear Volodymyr Zelenskyy, Ukrainian friends, you are not alone»."), "Volodymyr Zelenskyy"));
  CHECK(has(people_in("It was then that Donald Trump's advisers left the room."), "Donald Trump"));
  CHECK(has(people_in("Officials said Rutte's advisers left the room after the meeting ended."), "Rutte"));
  CHECK(has(people_in("Mark Rutte spoke to the BBC. «We must stand together», Rutte said."), "Mark Rutte"));
  auto v = people_in("Mark Rutte spoke to the BBC. «We must stand together», Rutte said.");
  CHECK(v.size() == 1);
}

TEST_CASE("organisations, places, titles, events and works are not people", "[people]") {
  const std::string text =
      "He said this in an interview with the BBC. According to CNN sources, the talks in the Oval Office "
      "failed. In an interview with Fox News, he thanked Congress and the White House. NATO allies were "
      "told that the National Security Staff would check whether Washington could stop supplying the "
      "Javelin missiles to Kyiv. The leader of the «Servant of the People» faction warned Europe about "
      "«Big Brother».";
  auto v = people_in(text);
  for (const char* word : {"NATO", "BBC", "CNN", "Fox", "Oval", "White House", "Congress", "Security Staff",
                           "Servant", "Big Brother", "Javelin", "Kyiv", "Washington", "Europe"}) {
    INFO(word);
    CHECK_FALSE(mentions_word(v, word));
  }
  CHECK(v.empty());
}

TEST_CASE("news agencies, firms of brothers and people in the plural are not people", "[people]") {
  // Each reads like a person to the tagger: "<Name> said", "<Name> Bros".
  const std::string text =
      "Xinhua said the talks would resume. Tanjug reported fighting near the border. "
      "Analysts said the bank would cut rates, and Eyewitnesses said shops were shut. "
      "Salomon Bros and Warner Bros declined to comment. Fax 555 1234.";
  auto v = people_in(text);
  for (const char* word : {"Xinhua", "Tanjug", "Analysts", "Eyewitnesses", "Salomon", "Warner", "Fax"}) {
    INFO(word);
    CHECK_FALSE(mentions_word(v, word));
  }
}

TEST_CASE("clubs, firms and awards are no people, and a given name alone may name none", "[people]") {
  const std::string text =
      "Chelsea beat Leicester 2-1 on Saturday. Microsoft and Google shares rose after Bill Gates spoke. "
      "The Bill was passed by MPs. The film won an Oscar. Carolina Kluft won the heptathlon. The Lib Dems and "
      "Lib Dem Norman Baker voted against it.";
  auto v = people_in(text);
  for (const char* word : {"Chelsea", "Leicester", "Microsoft", "Google", "Oscar"}) {
    INFO(word);
    CHECK_FALSE(mentions_word(v, word));
  }
  CHECK_FALSE(has(v, "Bill"));
  CHECK(has(v, "Bill Gates"));
  CHECK(has(v, "Carolina Kluft"));
  CHECK(has(v, "Norman Baker"));
  CHECK_FALSE(mentions_word(v, "Lib"));
}

TEST_CASE("the lines of a results table name their athletes", "[people]") {
  auto v = people_in_lines("Athletics - Grand Prix results",
                           {"Women's 1,500 metres", "1. Yekaterina Podkopayeva (Russia) 4:09.25",
                            "2. Venuste Niyongabo (Burundi) 3:51.01", "3. Maarten den Bakker (Netherlands) TVM 1:33",
                            "Standings: 1. Real Madrid 5 4 1 0 12 3 13"});
  CHECK(has(v, "Yekaterina Podkopayeva"));
  CHECK(has(v, "Venuste Niyongabo"));
  CHECK(has(v, "Maarten den Bakker"));
  CHECK_FALSE(mentions_word(v, "Madrid"));
  CHECK_FALSE(mentions_word(v, "Russia"));
}

TEST_CASE("a team sheet names its players where most of them are named in full", "[people]") {
  auto v = people_in_lines(
      "Soccer - Ireland team",
      {"Mick McCarthy named Gary Breen, Ian Harte, Keith O'Neill and Niall Quinn in the side.",
       "Ireland: Given, Breen, Staunton, Irwin, McAteer, Harte, McLoughlin, Houghton, Quinn, O'Neill.",
       "They will play in Dublin, Galway, Limerick, Sligo, Belfast and Derry."});
  for (const char* name : {"Given", "Staunton", "McAteer", "McLoughlin", "Houghton", "Gary Breen", "Niall Quinn"}) {
    INFO(name);
    CHECK(has(v, name));
  }
  for (const char* place : {"Dublin", "Galway", "Limerick", "Sligo", "Belfast"}) {
    INFO(place);
    CHECK_FALSE(mentions_word(v, place));
  }
}

TEST_CASE("a regnal number belongs to the name", "[people]") {
  auto v = people_in(
      "King Charles III visited Cardiff on Tuesday, where Pope Leo XIV was expected. Charles said the visit "
      "was a success. Oilman T. Boone Pickens III bought shares. The alert was raised to Level IV.");
  CHECK(has(v, "Charles III"));
  CHECK(has(v, "Leo XIV"));
  CHECK(has(v, "T. Boone Pickens III"));
  CHECK_FALSE(has(v, "Charles"));
  CHECK_FALSE(mentions_word(v, "Level"));
}

TEST_CASE("an initial before a country or a demonym is an abbreviation, not a name", "[people]") {
  auto v = people_in("S. Korea and S. African officials met P. Simmons in Seoul. Contracts worth 2.9 billion "
                     "N.Z. Dlrs were traded.");
  CHECK(v == std::vector<std::string>{"P. Simmons"});
}

TEST_CASE("a firm's first or last word alone is the firm", "[people]") {
  auto v = people_in_lines("FIRM NEWS",
                           {"CHICAGO, March 3 - Shearson Lehman Brothers, a unit of American Express Co, said "
                            "Robert Stearns will join the firm as a director of its bond department.",
                            "Shearson said Stearns had worked for Drexel Burnham Lambert Inc for ten years.",
                            "Kidder Peabody and Co said its chairman would retire. Kidder said the board would "
                            "meet in April. Goldman Sachs and Co raised its rating, and Goldman said the shares "
                            "could reach 40 dlrs."});
  for (const char* firm : {"Shearson", "Kidder", "Goldman", "Drexel"}) {
    INFO(firm);
    CHECK_FALSE(mentions_word(v, firm));
  }
  CHECK(has(v, "Robert Stearns"));
}

TEST_CASE("firms named after their founders are firms, named in full or by one word", "[people]") {
  auto v = people_in_lines("Brokers cut ratings",
                           {"Analysts at Merrill Lynch and Dean Witter lowered their estimates on Monday, said Karen "
                            "Holloway, who follows the sector for Smith Barney.",
                            "Merrill said it expected weaker sales. Wells Fargo and Morgan Stanley made no comment."});
  CHECK(v == std::vector<std::string>{"Karen Holloway"});
}

TEST_CASE("clubs, counties and firms of the list are no people, named in full or by one word", "[people]") {
  auto v = people_in_lines("Football", {"West Ham beat Aston Villa 2-1 in Devon on Saturday.",
                                        "Villa had led at half-time, said Harry Redknapp. Yukos shares fell."});
  CHECK(v == std::vector<std::string>{"Harry Redknapp"});
}

TEST_CASE("given names of today's news start a name at a sentence's start", "[people]") {
  auto v = people_in_lines("Football", {"Pep Guardiola said his team lacked energy.", "Bukayo Saka remains injured."});
  CHECK(v == std::vector<std::string>{"Pep Guardiola", "Bukayo Saka"});
}

TEST_CASE("today's firms and the platform X are no people", "[people]") {
  auto v = people_in_lines("Tech", {"Elon Musk criticised the deal on X. Musk said he would ban the devices.",
                                    "Meta's Mark Zuckerberg and analysts at JPMorgan were unconvinced."});
  CHECK(v == std::vector<std::string>{"Elon Musk", "Mark Zuckerberg"});
}

TEST_CASE("a firm's trade word makes its name no person's", "[people]") {
  auto v = people_in("Champlin Petroleum raised its posted prices, Montgomery Securities said, and Hanson "
                     "Industries bought Kidde. Tom Bell, an analyst, agreed.");
  CHECK(v == std::vector<std::string>{"Tom Bell"});
}

TEST_CASE("places with the name of a person are places, and people with the name of a place people", "[people]") {
  auto v = people_in_lines("Storm moves east",
                           {"The storm closed roads from Denver to El Paso, and Louisiana declared an emergency.",
                            "In Washington, John Denver's songs played on the radio, and Denzel Washington sent "
                            "his support to Nova Scotia, where Nova Hughes lives."});
  CHECK(has(v, "John Denver"));
  CHECK(has(v, "Denzel Washington"));
  CHECK(has(v, "Nova Hughes"));
  CHECK(v.size() == 3);
}

TEST_CASE("a profession before a name is no part of it and announces it", "[people]") {
  auto v = people_in("Striker Nicolas Anelka scored twice. Polish businessman Zygmunt Solorz bought the station, "
                     "analyst George Salem said.");
  CHECK(has(v, "Nicolas Anelka"));
  CHECK(has(v, "Zygmunt Solorz"));
  CHECK(has(v, "George Salem"));
  CHECK_FALSE(mentions_word(v, "Striker"));
}

TEST_CASE("a function word opening a sentence is no part of the name after it", "[people]") {
  auto v = people_in_lines(
      "Soul", {"Ray Charles, the singer and pianist, died on Thursday.",
               "Without Charles, it is hard to picture the sound of soul music, of Aretha Franklin or Otis Redding.",
               "Which Jones meant was unclear.", "Initially, the label said nothing. Tonight, fans gather."});
  CHECK(has(v, "Ray Charles"));
  CHECK(has(v, "Aretha Franklin"));
  CHECK_FALSE(mentions_word(v, "Without"));
  CHECK_FALSE(mentions_word(v, "Which"));
  CHECK_FALSE(mentions_word(v, "Initially"));
  CHECK_FALSE(mentions_word(v, "Tonight"));
}

TEST_CASE("church and military titles, hyphenated too, are no part of the name", "[people]") {
  auto v = people_in("Army spokesman Lieutenant-Colonel Max Marriner said the patrol was safe. Ayatollah Ali "
                     "Khamenei and Rabbi Marvin Hier spoke, and Cardinal Cormac Murphy-O'Connor prayed.");
  CHECK(has(v, "Max Marriner"));
  CHECK(has(v, "Ali Khamenei"));
  CHECK(has(v, "Marvin Hier"));
  CHECK(has(v, "Cormac Murphy-O'Connor"));
}

TEST_CASE("countries and places named after people are no people", "[people]") {
  CHECK(people_in_lines("AIR NEWS", {"Air France said its flights from Charles de Gaulle airport would leave on "
                                     "time on Friday, a spokesman said.",
                                     "Azerbaijan and Armenia held talks in Geneva. Azerbaijan said the ceasefire "
                                     "was holding, Francois Cabrera said."}) ==
        std::vector<std::string>{"Francois Cabrera"});
}

TEST_CASE("a name the alias table lists alone is a person wherever it stands alone", "[people][aliases]") {
  CHECK(people_in("Zelensky met Putin.") == std::vector<std::string>{"Volodymyr Zelenskyy", "Vladimir Putin"});
  CHECK(people_in("Trump's envoy flew to Moscow.") == std::vector<std::string>{"Donald Trump"});
  CHECK(people_in("He played his trump card. Trump Tower was lit.").empty());
}

TEST_CASE("a surname that is a title before Jr. is the surname", "[people]") {
  CHECK(people_in("Martin Luther King Jr. spoke in 1963, and John Pope Jr. listened; King Charles III read it.") ==
        std::vector<std::string>{"Martin Luther King Jr", "John Pope Jr", "Charles III"});
}

TEST_CASE("a brand's inner capital is no name's", "[people]") {
  auto v = people_in("On Friday, code hosting website GitHub blocked access, and TikTok said nothing, as did LeBron "
                     "James, Douglas MacArthur, John McCain and Leonardo DiCaprio.");
  CHECK(v == std::vector<std::string>{"LeBron James", "Douglas MacArthur", "John McCain", "Leonardo DiCaprio"});
  CHECK(people_in("Analysts at JPMorgan Chase and USAir Group agreed with Vice President JD Vance and "
                  "WIlliam Holland.") == std::vector<std::string>{"JD Vance", "WIlliam Holland"});
  CHECK(people_in("Fourth seed MaliVai Washington beat Tim Henman.") ==
        std::vector<std::string>{"MaliVai Washington", "Tim Henman"});
}

TEST_CASE("a name that starts the name of an airport, a foundation or a firm is no person", "[people]") {
  auto v = people_in_lines("Launch", {"The rocket lifted off from Kennedy Space Center, and flights left John F. "
                                      "Kennedy International Airport on time.",
                                      "Carl Hensman of the Bill and Melinda Gates Foundation studied at Johns Hopkins "
                                      "University, and Mary Hall met him there.",
                                      "Erin Purcell of Boston-based Reagan Communications said trade representative "
                                      "Clayton Yeutter Monday warned.",
                                      "Analysts at Stone & McCarthy said Tate & Lyle gained, as Screen Digest "
                                      "reported.",
                                      "Images came from the James Webb Telescope and the Busy Beaver Building."});
  CHECK(v == std::vector<std::string>{"Carl Hensman", "Mary Hall", "Erin Purcell", "Clayton Yeutter"});
  CHECK(people_in("Talks at Camp David and Fort Knox, near Lake Victoria and Port Elizabeth; Trump landed at Joint "
                  "Base Andrews, and Mike Lake said so.") == std::vector<std::string>{"Mike Lake", "Donald Trump"});
}

TEST_CASE("the author is not a person of the article", "[people]") {
  Article a;
  a.title = "Rutte calls for unity";
  a.authors = {"Alona Kokhanchuk"};
  a.paragraphs.push_back(Paragraph{"Mark Rutte spoke with Alona Kokhanchuk about the summit."});
  auto v = displays(a);
  CHECK(has(v, "Mark Rutte"));
  CHECK_FALSE(has(v, "Alona Kokhanchuk"));
}

TEST_CASE("an all-capital headline names nobody new", "[people]") {
  auto v = people_in("Shares rose on Friday in quiet trade.", "SHEARER NAMED AS ENGLAND CAPTAIN");
  CHECK(v.empty());
  // but the body still counts
  v = people_in("Alan Shearer was named captain on Friday.", "SHEARER NAMED AS ENGLAND CAPTAIN");
  CHECK(v == std::vector<std::string>{"Alan Shearer"});
}

TEST_CASE("surname and title+surname mentions join the full name", "[people][coreference]") {
  const std::string text =
      "The spat between Trump and Zelenskyy was unfortunate. I spoke to President Zelenskyy twice. "
      "We have to respect what President Trump has done. The talks between Donald Trump and "
      "Volodymyr Zelenskyy ended early.";
  PeopleExtractor ex;
  Article a;
  a.title = "Talks end";
  a.paragraphs.push_back(Paragraph{text});
  auto people = ex.extract(a);
  REQUIRE(people.size() == 2);
  CHECK(people[0].display == "Donald Trump");
  CHECK(people[1].display == "Volodymyr Zelenskyy");
  CHECK(people[0].mentions == 3);
  CHECK(people[1].mentions == 3);
}

TEST_CASE("a surname the article never expands stays as written", "[people][coreference]") {
  auto v = people_in("Kowalczyk said he would decide on Monday, and on Tuesday Kowalczyk agreed.");
  CHECK(v == std::vector<std::string>{"Kowalczyk"});
}

TEST_CASE("a surname named alone takes the given name written before it", "[people][coreference]") {
  // The tagger misses the full name after a demonym; the lone surname is completed from it.
  auto v = people_in(
      "Jansher, bidding for an eighth title, plays second-seeded Australian Rodney Eyles in the final. "
      "Eyles played his best squash of the tournament to beat Peter Nicol of Scotland. "
      "Eyles said that he would like to win for the good of the game.");
  CHECK(has(v, "Rodney Eyles"));
  CHECK_FALSE(has(v, "Eyles"));
  CHECK_FALSE(mentions_word(v, "Australian"));
}

TEST_CASE("a tag joins the person the body names", "[people][coreference]") {
  auto v = people_in("Ukrainian President Volodymyr Zelenskyy thanked the United States.", "Talks resume",
                     {"Volodymyr Zelenskyi"});
  CHECK(v == std::vector<std::string>{"Volodymyr Zelenskyy"});
}

TEST_CASE("a one-word tag is a person only when the body names them", "[people]") {
  CHECK(people_in("Delegates agreed on a finance goal for poorer countries, said Simon Stiell.", "Talks end",
                  {"Climate", "Stiell"}) == std::vector<std::string>{"Simon Stiell"});
}

TEST_CASE("storms, parties and a title's country are no part of a name", "[people]") {
  auto v = people_in_lines("Floods", {"Storm Boris flooded towns in Poland, and Hurricane Milton reached Florida.",
                                      "Forecasters said Boris would weaken by Thursday, and in Florida Milton destroyed "
                                      "homes, as Tropical Storm Lorenzo formed.",
                                      "Donald Tusk's Civic Coalition came first, ahead of Law and Justice."});
  CHECK(v == std::vector<std::string>{"Donald Tusk"});
  // Ukrainian: "Germany's chancellor Friedrich Merz", "Ursula von der Leyen"
  CHECK(people_in("Прибули канцлер Німеччини Фрідріх Мерц і прем'єр-міністерка Італії Джорджа Мелоні, а також "
                  "президентка Єврокомісії Урсула фон дер Ляєн.") ==
        std::vector<std::string>{"Friedrich Merz", "Giorgia Meloni", "Ursula von der Leyen"});  // the built-in aliases
}

TEST_CASE("the key of every extracted person is person_key of its display", "[people][key]") {
  PeopleExtractor ex;
  Article a;
  a.title = "Sánchez backs Kyiv";
  a.paragraphs.push_back(Paragraph{"Spanish Prime Minister Pedro Sánchez met J.D. Vance and Ursula von der Leyen."});
  auto people = ex.extract(a);
  REQUIRE(people.size() == 3);
  for (const Person& p : people) CHECK(newsearch::person_key(p.display) == p.key);
  CHECK(people[0].key == newsearch::person_key("Pedro Sanchez"));
}

TEST_CASE("the seed article yields exactly its twelve people", "[people][seed]") {
  std::ifstream in(NEWSEARCH_SOURCE_DIR "/corpus/000_b8c9ca3be790383f.txt", std::ios::binary);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  auto article = newsearch::parse_article_text(ss.str());
  REQUIRE(article);
  const std::vector<std::string> expected = {
      "Mark Rutte",      "Donald Trump",    "Volodymyr Zelenskyy", "J.D. Vance",
      "Marco Rubio",     "Mike Waltz",      "Donald Tusk",         "Emmanuel Macron",
      "Pedro Sanchez",   "Ursula von der Leyen", "Oleksandr Sienkevych", "David Arakhamiia"};
  CHECK(displays(*article) == expected);
}
