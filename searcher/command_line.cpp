#include "searcher/command_line.hpp"

#include <string_view>

namespace newsearch {

namespace {

// True when OPTION ("--db", "-d") is known and takes its value from the next argument.
bool takes_next_argument(std::string_view option, const boost::program_options::options_description& options) {
  std::string name;
  if (option.substr(0, 2) == "--") {
    if (option.find('=') != std::string_view::npos) return false;
    name = std::string(option.substr(2));
  } else {
    if (option.size() != 2) return false;  // "-n5": the value is attached
    name = std::string(option);           // Boost matches short names with their dash
  }
  const auto* description = options.find_nothrow(name, false);
  return description && description->semantic()->min_tokens() > 0;
}

}  // namespace

SplitCommandLine split_command_line(int argc, const char* const* argv,
                                    const boost::program_options::options_description& options) {
  SplitCommandLine out;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") {
      for (++i; i < argc; ++i) out.query_words.emplace_back(argv[i]);
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      out.query_words.emplace_back(arg);
      continue;
    }
    out.options.emplace_back(arg);
    if (takes_next_argument(arg, options) && i + 1 < argc) out.options.emplace_back(argv[++i]);
  }
  return out;
}

}  // namespace newsearch
