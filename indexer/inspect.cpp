#include "indexer/inspect.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "common/aliases.hpp"
#include "common/bigrams.hpp"
#include "common/schema.hpp"
#include "common/stored_article.hpp"
#include "indexer/file_processor.hpp"
#include "indexer/walk.hpp"

namespace newsearch {

namespace {

// The field a term belongs to, for grouping the "terms" listing.
std::string term_group(const std::string& term) {
  const bool stemmed = term.starts_with('Z');
  const std::string_view bare = stemmed ? std::string_view(term).substr(1) : std::string_view(term);
  if (bare.starts_with(kPrefixId)) return "id";
  if (bare.starts_with(kPrefixFile)) return "file";
  if (is_bigram_term(term)) return "word_pairs";
  if (!bare.empty() && (bare[0] == 'D' || bare[0] == 'M' || bare[0] == 'Y') && bare.size() > 1 &&
      bare[1] >= '0' && bare[1] <= '9')
    return "date";
  std::string name = "body";
  if (auto f = field_of_term(bare)) {
    name = std::string(f->name);
    if (!f->exact_prefix.empty() && bare.starts_with(f->exact_prefix) &&
        !(f->prefix.size() > f->exact_prefix.size() && bare.starts_with(f->prefix)))
      name += "_exact";
  }
  return stemmed ? name + "_stemmed" : name;
}

}  // namespace

int inspect_file(const std::string& path, const std::string& language, const std::string& aliases_file) {
  struct stat st;
  const std::string abs = absolute_path(path);
  if (stat(abs.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    std::fprintf(stderr, "newsindex: error: %s: no such file\n", path.c_str());
    return 2;
  }
  std::shared_ptr<const AliasTable> aliases;
  if (!aliases_file.empty()) {
    std::vector<std::string> warnings;
    auto loaded = AliasTable::load_file(aliases_file, &warnings);
    for (const auto& w : warnings) std::fprintf(stderr, "newsindex: warning: %s\n", w.c_str());
    if (!loaded) return 2;
    aliases = std::make_shared<const AliasTable>(std::move(*loaded));
  }
  FoundFile file{abs, static_cast<std::uint32_t>(abs.rfind('/') + 1), static_cast<std::uint64_t>(st.st_size), 0};
  ProcessOptions options;
  options.language = language;
  FileProcessor processor(options, aliases);
  ProcessedFile result = processor.process(file, std::nullopt);
  for (const auto& w : result.warnings) std::fprintf(stderr, "newsindex: warning: %s\n", w.c_str());
  if (result.outcome == ProcessedFile::Outcome::kSkipped) {
    std::fprintf(stderr, "newsindex: error: %s: %s\n", path.c_str(), result.skip_detail.c_str());
    return 2;
  }
  for (const auto& built : result.documents) {
    const StoredArticle a = StoredArticle::unserialise(built.document.get_data());
    nlohmann::json j;
    j["id"] = a.id;
    j["title"] = a.title;
    j["authors"] = a.authors;
    j["date"] = a.date ? nlohmann::json(*a.date) : nlohmann::json(nullptr);
    j["tags"] = a.tags;
    j["people"] = a.people;
    j["person_keys"] = a.person_keys;
    j["language"] = a.language;
    std::vector<std::string> paragraphs;
    std::size_t start = 0;
    while (start <= a.body.size() && !a.body.empty()) {
      std::size_t end = a.body.find('\n', start);
      if (end == std::string::npos) end = a.body.size();
      paragraphs.push_back(a.body.substr(start, end - start));
      start = end + 1;
    }
    j["paragraphs"] = paragraphs;
    std::map<std::string, std::vector<std::string>> terms;
    for (auto t = built.document.termlist_begin(); t != built.document.termlist_end(); ++t)
      terms[term_group(*t)].push_back(*t);
    j["terms"] = terms;
    std::vector<std::string> warnings;
    for (const auto& w : result.warnings) warnings.push_back(w);
    j["warnings"] = warnings;
    std::puts(j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  }
  return result.skipped_lines ? 1 : 0;
}

}  // namespace newsearch
