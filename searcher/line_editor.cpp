#include "searcher/line_editor.hpp"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace newsearch {

namespace {
constexpr const char* kLibedit = "libedit.so.2";  // Debian's libedit2, a dependency of the package
}

LineEditor::LineEditor() {
  library_ = dlopen(kLibedit, RTLD_NOW | RTLD_LOCAL);
  if (!library_) return;
  readline_ = reinterpret_cast<char* (*)(const char*)>(dlsym(library_, "readline"));
  add_history_ = reinterpret_cast<int (*)(const char*)>(dlsym(library_, "add_history"));
  if (!readline_ || !add_history_) {
    dlclose(library_);
    library_ = nullptr;
    readline_ = nullptr;
    add_history_ = nullptr;
  }
}

LineEditor::~LineEditor() {
  // libedit registers terminal state handlers: leave it loaded until the process ends.
}

std::optional<std::string> LineEditor::read(const char* prompt) {
  if (readline_) {
    char* raw = readline_(prompt);
    if (!raw) return std::nullopt;
    std::string line(raw);
    std::free(raw);
    return line;
  }
  std::fputs(prompt, stdout);
  std::fflush(stdout);
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  return line;
}

void LineEditor::remember(const std::string& line) {
  if (add_history_) add_history_(line.c_str());
}

}  // namespace newsearch
