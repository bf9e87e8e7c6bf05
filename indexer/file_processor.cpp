#include "indexer/file_processor.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/hash.hpp"
#include "common/parse_jsonl.hpp"
#include "common/parse_text.hpp"
#include "common/utf8.hpp"

namespace newsearch {

namespace {

// Reads a whole file; on failure returns nullopt and sets error.
std::optional<std::string> read_file(const std::string& path, std::uint64_t limit, std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = errno == ENOENT ? "vanished before it could be read" : std::string("cannot read: ") + std::strerror(errno);
    return std::nullopt;
  }
  std::string data;
  struct stat st;
  if (fstat(fd, &st) == 0 && st.st_size > 0) data.reserve(static_cast<std::size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::string("cannot read: ") + std::strerror(errno);
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    data.append(buf, static_cast<std::size_t>(n));
    if (data.size() > limit) {
      error = "larger than --max-size";
      ::close(fd);
      return std::nullopt;
    }
  }
  ::close(fd);
  return data;
}

constexpr std::size_t kSpellingFlushWords = 50000;

// Words worth offering as spelling corrections: letters only, 3 to 30 bytes.
bool spelling_word(const std::string& term) {
  if (term.size() < 3 || term.size() > 30) return false;
  for (char c : term) {
    const auto u = static_cast<unsigned char>(c);
    if (!((u >= 'a' && u <= 'z') || u >= 0x80)) return false;
  }
  return true;
}

bool is_blank(std::string_view s) { return trim(strip_bom(s)).empty(); }

bool ends_with_icase(const std::string& s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) return false;
  return true;
}

}  // namespace

FileProcessor::FileProcessor(const ProcessOptions& options, std::shared_ptr<const AliasTable> aliases)
    : options_(options),
      analyzer_(options.language),
      builder_(analyzer_, options.word_pairs),
      people_(std::move(aliases)),
      latin_code_(language_code(analyzer_.language())),
      spelling_(options.spelling) {}

void FileProcessor::count_spelling(const Xapian::Document& doc) {
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (spelling_word(term)) spelling_counts_[term] += t.get_wdf();
  }
}

std::vector<std::pair<std::string, Xapian::termcount>> FileProcessor::take_spelling() {
  std::vector<std::pair<std::string, Xapian::termcount>> out(spelling_counts_.begin(), spelling_counts_.end());
  spelling_counts_.clear();
  return out;
}

void FileProcessor::add_article(Article article, const FoundFile& file, int line, ProcessedFile& out) {
  const std::string where = line ? file.abs_path + ":" + std::to_string(line) : file.abs_path;
  for (const auto& w : article.warnings) out.warnings.push_back(where + ": " + w);
  if (article.language.empty()) article.language = detect_language(article.title + "\n" + article.body_text(), latin_code_);
  article.people = people_.extract(article);
  Source source{file.abs_path, std::string(file.rel_path()), file_key(file.abs_path), line};
  out.people.push_back(article.people);
  out.documents.push_back(builder_.build(article, source));
  if (spelling_) count_spelling(out.documents.back().document);
}

ProcessedFile FileProcessor::process(const FoundFile& file, const std::optional<FileState>& previous) {
  ProcessedFile out;
  out.file = file;
  out.previous = previous;
  auto skip = [&](std::string reason, std::string detail = "") {
    out.outcome = ProcessedFile::Outcome::kSkipped;
    out.skip_detail = detail.empty() ? reason : detail;
    out.skip_reason = std::move(reason);
    return std::move(out);
  };
  if (file.size > options_.max_size)
    return skip("larger than --max-size", "larger than --max-size (" + std::to_string(file.size) + " bytes)");

  std::string error;
  auto data = read_file(file.abs_path, options_.max_size, error);
  if (!data) return skip(error.starts_with("cannot read") ? "unreadable" : error, error);
  if (data->empty() || is_blank(*data)) return skip("empty file");
  if (looks_binary(*data)) return skip("binary file");

  out.state = {static_cast<std::uint64_t>(data->size()), file.mtime_ns, hash64(*data), 0};
  if (previous && previous->content_hash == out.state.content_hash && previous->size == out.state.size) {
    out.outcome = ProcessedFile::Outcome::kSameContent;
    out.state.documents = previous->documents;
    return out;
  }

  if (ends_with_icase(file.abs_path, ".jsonl")) {
    std::string_view rest = strip_bom(*data);
    int line_no = 0;
    while (!rest.empty()) {
      ++line_no;
      const auto nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
      if (trim(line).empty()) continue;
      std::string why;
      if (auto article = parse_jsonl_line(line, &why)) {
        add_article(std::move(*article), file, line_no, out);
      } else {
        out.warnings.push_back(file.abs_path + ":" + std::to_string(line_no) + ": invalid JSON Lines line skipped: " + why);
        ++out.skipped_lines;
      }
    }
    if (out.documents.empty() && out.skipped_lines) return skip("no valid JSON Lines line");
  } else {
    auto article = parse_article_text(*data);
    if (!article) return skip("empty file");
    add_article(std::move(*article), file, 0, out);
  }
  out.state.documents = static_cast<std::uint32_t>(out.documents.size());
  out.outcome = ProcessedFile::Outcome::kIndexed;
  if (spelling_counts_.size() >= kSpellingFlushWords) out.spelling = take_spelling();
  return out;
}

}  // namespace newsearch
