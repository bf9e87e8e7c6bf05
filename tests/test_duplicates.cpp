// One hit per story: syndicated copies in reuters21578 (read from ../shared by path) collapse
// into one result that lists the others; --no-collapse shows them all.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "helpers.hpp"

using namespace testing;

TEST_CASE("reuters21578 duplicates collapse into one hit with +N similar", "[search][duplicates]") {
  const std::string dir = shared_path("corpora/reuters21578/1987/");
  const std::string exact_a = dir + "03/reuters-006119.txt", exact_b = dir + "03/reuters-006169.txt";  // same body
  const std::string near_a = dir + "04/reuters-017254.txt", near_b = dir + "04/reuters-017289.txt";    // one sentence added
  const std::string other = dir + "03/reuters-005858.txt";
  if (!fs::exists(exact_a)) {
    WARN("skipped: " + exact_a + " not found (the shared corpora are not beside the checkout)");
    return;
  }
  TempDir tmp;
  const std::string db = tmp / "db";
  REQUIRE(run(newsindex("-q --db " + db + " " + exact_a + " " + exact_b + " " + near_a + " " + near_b + " " + other)).status == 0);

  auto search = [&](const std::string& args) {
    const Run r = run(newsearch("--json --db " + db + " " + args));
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.out);
  };
  auto collapsed = search("'dependence foreign oil'");
  REQUIRE(collapsed["results"].size() == 1);
  CHECK(collapsed["results"][0]["similar"] == 1);
  REQUIRE(collapsed["results"][0]["duplicates"].size() == 1);
  CHECK(collapsed["results"][0]["duplicates"][0]["path"].get<std::string>().find("reuters-0061") != std::string::npos);
  CHECK(search("--no-collapse 'dependence foreign oil'")["results"].size() == 2);

  auto near = search("'subroto demand'");
  REQUIRE(near["results"].size() == 1);
  CHECK(near["results"][0]["similar"] == 1);
  CHECK(search("--no-collapse 'subroto demand'")["results"].size() == 2);

  // Two stories about oil: two hits, each standing for its copies.
  CHECK(search("oil")["results"].size() == 2);
  CHECK(search("--no-collapse oil")["results"].size() == 4);
  CHECK(search("dollar")["results"][0]["similar"] == 0);
}
