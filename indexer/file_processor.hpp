#pragma once
// One worker's job: read one file, decide whether it changed, parse it, find the people
// and build its documents. Runs on worker threads; touches no database.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/analyzer.hpp"
#include "common/people.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/file_state.hpp"
#include "indexer/walk.hpp"

namespace newsearch {

struct ProcessOptions {
  std::uint64_t max_size = 10 * 1024 * 1024;
  std::string language = "english";
  bool spelling = true;
  bool word_pairs = true;  ///< common/bigrams.hpp
};

/// What became of one file.
struct ProcessedFile {
  enum class Outcome {
    kIndexed,        ///< documents built (new or changed content)
    kSameContent,    ///< mtime changed, content did not: only the state is refreshed
    kSkipped,        ///< nothing indexed; reason says why
    kSpellingOnly,   ///< carries only spelling counts (a worker's last flush)
  } outcome = Outcome::kSkipped;
  FoundFile file;
  std::optional<FileState> previous;
  FileState state;
  std::vector<BuiltDocument> documents;
  std::vector<std::vector<Person>> people;  ///< per document
  std::string skip_reason;                  ///< short category: "binary file"
  std::string skip_detail;                  ///< full message for the warning line
  std::vector<std::string> warnings;        ///< "path[:line]: message"
  std::size_t skipped_lines = 0;            ///< invalid JSON Lines lines
  /// Word frequencies for the spelling dictionary, aggregated over many files so the
  /// single writer makes one call per distinct word rather than one per word and article.
  std::vector<std::pair<std::string, Xapian::termcount>> spelling;
};

/// Per-thread state for processing files.
class FileProcessor {
 public:
  FileProcessor(const ProcessOptions& options, std::shared_ptr<const AliasTable> aliases);
  ProcessedFile process(const FoundFile& file, const std::optional<FileState>& previous);
  /// The spelling counts not yet handed over (call when the worker is done).
  std::vector<std::pair<std::string, Xapian::termcount>> take_spelling();

 private:
  void count_spelling(const Xapian::Document& doc);

  void add_article(Article article, const FoundFile& file, int line, ProcessedFile& out);

  ProcessOptions options_;
  Analyzer analyzer_;
  DocumentBuilder builder_;
  PeopleExtractor people_;
  std::string latin_code_;
  bool spelling_ = true;
  std::unordered_map<std::string, Xapian::termcount> spelling_counts_;
};

}  // namespace newsearch
