#pragma once
// newsindex inspect FILE: what the index would hold for an article, as JSON.
#include <string>

namespace newsearch {

/// Prints one JSON object per article in path (a JSON Lines file gives several) to stdout.
/// Returns the exit status: 0 shown, 1 shown with skipped lines, 2 the file cannot be read.
int inspect_file(const std::string& path, const std::string& language, const std::string& aliases_file);

}  // namespace newsearch
