#pragma once
// One search through an engine in the test's own process, for the tests that compare two
// engines' answers (with and without champions, word pairs, ...).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "searcher/search_engine.hpp"

namespace testing {

inline nlohmann::json engine_search(newsearch::SearchEngine& engine, const std::string& query, std::size_t offset = 0,
                                    bool collapse = true) {
  newsearch::SearchRequest req;
  req.query = query;
  req.offset = offset;
  req.collapse = collapse;
  auto r = engine.search(req);
  REQUIRE(r);
  return *r;
}

}  // namespace testing
