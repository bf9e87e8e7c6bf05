// Replays saved and seed inputs of the HTTP parameter fuzz target (fuzz/fuzz_http_body.hpp);
// a file of its own because http_params.hpp and query_frontend.hpp both define
// newsearch::kMaxQueryBytes.
#include <catch2/catch.hpp>

#include "fuzz/fuzz_http_body.hpp"
#include "helpers.hpp"

using namespace testing;

TEST_CASE("fuzz regressions: HTTP parameter handling", "[reliability][fuzz]") {
  std::vector<std::string> files;
  for (const std::string& dir : {source_path("tests/fuzz_regressions/http_params"), source_path("fuzz/seeds/http_params")}) {
    if (!fs::is_directory(dir)) continue;
    for (auto& e : fs::directory_iterator(dir))
      if (e.is_regular_file()) files.push_back(e.path().string());
  }
  CHECK_FALSE(files.empty());
  for (const auto& f : files) {
    INFO(f);
    std::string why;
    REQUIRE_NOTHROW(why = newsearch::fuzz::http_params(read_file(f)));
    CHECK(why == "");
  }
}
