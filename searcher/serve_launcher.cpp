#include "searcher/serve_launcher.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace newsearch {

namespace {

constexpr const char* kServeExecutable = "newsearch-serve";

/// newsearch-serve beside the running executable: the build folder and every install
/// prefix keep the two together.
std::string sibling_executable() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  const auto sibling = self.parent_path() / kServeExecutable;
  return ::access(sibling.c_str(), X_OK) == 0 ? sibling.string() : std::string();
}

}  // namespace

int exec_serve(int argc, char** argv) {
  std::vector<char*> args;
  args.push_back(const_cast<char*>(kServeExecutable));
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  const std::string sibling = sibling_executable();
  if (!sibling.empty()) ::execv(sibling.c_str(), args.data());
  ::execvp(kServeExecutable, args.data());
  std::fprintf(stderr, "newsearch: error: cannot run %s: %s\nhint: it is installed next to newsearch; "
               "reinstall the package or rebuild\n",
               sibling.empty() ? kServeExecutable : sibling.c_str(), std::strerror(errno));
  return 2;
}

}  // namespace newsearch
