#pragma once
// Line editing and history for the interactive prompt, from libedit loaded when the prompt
// opens (dlopen). Linked the usual way, libedit and the libraries it needs (libtinfo, libbsd,
// libmd) were loaded by every one-shot `newsearch QUERY` too: a third of a millisecond of
// start-up for nothing.
#include <optional>
#include <string>

namespace newsearch {

class LineEditor {
 public:
  /// Loads libedit; without it, lines are read plainly (no editing, no history).
  LineEditor();
  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  /// The next line typed after `prompt`, or nullopt at end of input (Ctrl-D).
  std::optional<std::string> read(const char* prompt);
  /// Adds a line to the history (up-arrow brings it back).
  void remember(const std::string& line);

 private:
  void* library_ = nullptr;
  char* (*readline_)(const char*) = nullptr;
  int (*add_history_)(const char*) = nullptr;
};

}  // namespace newsearch
