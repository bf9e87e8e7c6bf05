// newsearch's argv splitter: query words come out in order wherever they stand among the
// options, each option keeps its value, and "--" ends the options.
#include <boost/program_options.hpp>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "searcher/command_line.hpp"

namespace po = boost::program_options;
using newsearch::split_command_line;
using Words = std::vector<std::string>;

namespace {

po::options_description sample_options() {
  po::options_description options;
  options.add_options()("db,d", po::value<std::vector<std::string>>())("limit,n", po::value<int>())(
      "json", "")("sort", po::value<std::string>());
  return options;
}

newsearch::SplitCommandLine split(const Words& args) {
  std::vector<const char*> argv{"newsearch"};
  for (const auto& a : args) argv.push_back(a.c_str());
  return split_command_line(static_cast<int>(argv.size()), argv.data(), sample_options());
}

}  // namespace

TEST_CASE("command line: options and their values are kept apart from the query words", "[cli]") {
  const auto s = split({"subsoil", "--limit", "2", "deal", "--json", "-d", "db", "--sort=newest", "-n5", "rates"});
  CHECK(s.query_words == Words{"subsoil", "deal", "rates"});
  CHECK(s.options == Words{"--limit", "2", "--json", "-d", "db", "--sort=newest", "-n5"});
}

TEST_CASE("command line: -- ends the options and a lone dash is a word", "[cli]") {
  const auto s = split({"--json", "-", "a", "--", "-inflation", "--limit"});
  CHECK(s.query_words == Words{"-", "a", "-inflation", "--limit"});
  CHECK(s.options == Words{"--json"});
}

TEST_CASE("command line: an unknown option stays an option so the parser can refuse it", "[cli]") {
  const auto s = split({"-inflation", "rates", "--bogus", "x"});
  CHECK(s.options == Words{"-inflation", "--bogus"});
  CHECK(s.query_words == Words{"rates", "x"});
  po::variables_map vm;
  CHECK_THROWS_AS(po::store(po::command_line_parser(s.options).options(sample_options()).run(), vm), po::error);
}

TEST_CASE("command line: a value-taking option at the end is left for the parser to refuse", "[cli]") {
  const auto s = split({"rates", "--sort"});
  CHECK(s.options == Words{"--sort"});
  po::variables_map vm;
  CHECK_THROWS_AS(po::store(po::command_line_parser(s.options).options(sample_options()).run(), vm), po::error);
}

TEST_CASE("command line: 20,000 query words come out whole and in order", "[cli]") {
  Words args;
  for (int i = 0; i < 20000; ++i) args.push_back("w" + std::to_string(i));
  const auto s = split(args);
  CHECK(s.query_words == args);
  CHECK(s.options.empty());
}
