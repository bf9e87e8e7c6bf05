#include "indexer/document_builder.hpp"

#include "common/hash.hpp"
#include "common/people.hpp"
#include "common/schema.hpp"
#include "common/stored_article.hpp"
#include "indexer/bigram_terms.hpp"

namespace newsearch {

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += kValueSeparator;
    out += s;
  }
  return out;
}

}  // namespace

std::string boolean_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (prefix.size() + value.size() <= kMaxTermBytes) return term.append(value);
  // Keep a readable head and make the tail unique.
  term.append(value.substr(0, kMaxTermBytes - prefix.size() - 17));
  return term + "#" + hex64(hash64(value));
}

std::string article_id(const Article& article, const Source& source) {
  if (!article.url.empty()) return hex64(hash64(article.url));
  if (source.line) return hex64(hash64(source.abs_path + "#" + std::to_string(source.line)));
  return hex64(hash64(source.abs_path));
}

DocumentBuilder::DocumentBuilder(const Analyzer& analyzer, bool word_pairs) : word_pairs_(word_pairs) {
  analyzer.configure(stemmed_, exact_);
}

void DocumentBuilder::index(const std::string& text, Xapian::termcount wdf, std::string_view prefix) {
  stemmed_.index_text(text, wdf, std::string(prefix));
  exact_.index_text_without_positions(text, wdf, std::string(prefix));
  stemmed_.increase_termpos(kFieldGap);
}

BuiltDocument DocumentBuilder::build(const Article& a, const Source& source) {
  BuiltDocument out;
  out.id = article_id(a, source);
  Xapian::Document& doc = out.document;
  stemmed_.set_document(doc);
  exact_.set_document(doc);
  stemmed_.set_termpos(0);

  // Title: its own field, and the default field with a boost. Gaps keep phrases in a field.
  index(a.title, 1, find_field("title")->prefix);
  index(a.title, kTitleBoostWdf, "");
  for (const auto& p : a.paragraphs) index(p.text, 1, "");
  if (word_pairs_) add_bigram_terms(doc);

  const auto author = *find_field("author");
  for (const auto& name : a.authors) {
    index(name, 1, author.prefix);
    doc.add_boolean_term(boolean_term(author.exact_prefix, fold_accents(name)));
  }
  const auto tag = *find_field("tag");
  for (const auto& t : a.tags) {
    index(t, 1, tag.prefix);
    doc.add_boolean_term(boolean_term(tag.exact_prefix, fold_accents(t)));
  }

  // People: the canonical person as a filter term, the folded words of the name as field
  // terms (person:zelensky), weighted by how often the article names them.
  const auto person = *find_field("person");
  std::vector<std::string> person_keys, people;
  for (const auto& p : a.people) {
    if (p.key.empty()) continue;
    doc.add_boolean_term(boolean_term(person.exact_prefix, p.key));
    std::size_t start = 0;
    while (start < p.key.size()) {
      std::size_t end = p.key.find(' ', start);
      if (end == std::string::npos) end = p.key.size();
      if (end > start)
        doc.add_term(boolean_term(person.prefix, std::string_view(p.key).substr(start, end - start)),
                     static_cast<Xapian::termcount>(std::max(1, p.mentions)));
      start = end + 1;
    }
    person_keys.push_back(p.key);
    people.push_back(p.display);
  }

  if (a.date) {
    const ArticleDate& d = *a.date;
    const std::string ymd = d.iso_day();
    doc.add_boolean_term(std::string(kPrefixDay) + ymd.substr(0, 4) + ymd.substr(5, 2) + ymd.substr(8, 2));
    doc.add_boolean_term(std::string(kPrefixMonth) + ymd.substr(0, 4) + ymd.substr(5, 2));
    doc.add_boolean_term(std::string(kPrefixYear) + ymd.substr(0, 4));
    doc.add_value(kSlotDate, d.sortable());
  }
  if (!a.language.empty()) doc.add_boolean_term(std::string(find_field("lang")->prefix) + a.language);
  if (!a.url.empty()) doc.add_boolean_term(boolean_term(find_field("url")->prefix, a.url));
  doc.add_boolean_term(std::string(kPrefixId) + out.id);
  doc.add_boolean_term(boolean_term(kPrefixFile, source.file_key));

  const std::string body = a.body_text();
  out.fingerprint = fingerprint(body);
  doc.add_value(kSlotAuthors, join(a.authors));
  doc.add_value(kSlotPeople, join(person_keys));
  doc.add_value(kSlotTags, join(a.tags));
  doc.add_value(kSlotFacets, join(a.authors) + kFacetGroupSeparator + join(person_keys) + kFacetGroupSeparator +
                                join(a.tags) + kFacetGroupSeparator + (a.date ? a.date->sortable().substr(0, 8) : ""));
  doc.add_value(kSlotFingerprint, hex64(out.fingerprint.exact) + hex64(out.fingerprint.simhash));
  // kSlotDupKey is set by the writer, which knows the articles indexed before this one.

  StoredArticle stored;
  stored.id = out.id;
  stored.title = a.title;
  stored.authors = a.authors;
  if (a.date) stored.date = a.date->iso_minute();
  stored.tags = a.tags;
  stored.people = std::move(people);
  stored.person_keys = std::move(person_keys);
  stored.path = source.rel_path;
  stored.abspath = source.abs_path;
  stored.line = source.line;
  stored.url = a.url;
  stored.language = a.language;
  stored.body = body;
  doc.set_data(stored.serialise());
  // The generators hold a reference to the document, and Xapian's reference counts are not
  // atomic: let go of it here, before the document moves to the writer thread.
  stemmed_.set_document(Xapian::Document());
  exact_.set_document(Xapian::Document());
  return out;
}

}  // namespace newsearch
