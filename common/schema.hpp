#pragma once
// THE field table: every Xapian prefix and value slot the project uses is spelt here and
// nowhere else. Indexer, query parser setup, --help, JSON and docs/fields.md read it.
#include <xapian.h>

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace newsearch {

/// Version of the database layout this build reads and writes (stored in metadata).
inline constexpr int kSchemaVersion = 2;  // 2: binary document data

/// How a field is indexed and queried.
enum class FieldKind {
  kFreeText,  ///< words with positions, stemmed; `field:word`, `field:"a phrase"`
  kBoolean,   ///< exact filter terms; `field:value`
  kDate,      ///< D/M/Y boolean terms plus a sortable value; `date:2025-03`, ranges
  kPerson,    ///< canonical-person filter terms plus folded name words
  kInternal,  ///< not queryable by users (ids, file keys)
};

struct Field {
  std::string_view name;         ///< name in queries and JSON ("author")
  std::string_view prefix;       ///< Xapian term prefix for the field's words or values
  std::string_view exact_prefix; ///< prefix of whole-value boolean terms ("" if none)
  FieldKind kind;
  Xapian::termcount wdf;         ///< within-document weight of the field's words
  std::string_view description;
  std::string_view example;
};

// Value slots (one place). Multi-valued slots hold values joined by kValueSeparator.
// Few slots on purpose: every slot costs the single writer time on every document.
enum Slot : Xapian::valueno {
  kSlotDate = 0,         ///< "YYYYMMDDHHMM": ranges, sorting, month/day facets and timeline
  kSlotAuthors = 1,      ///< author display names
  kSlotPeople = 2,       ///< person keys
  kSlotTags = 3,         ///< tags as written
  kSlotFingerprint = 4,  ///< 32 hex digits: exact body hash, then 64-bit SimHash
  kSlotDupKey = 5,       ///< collapse key (16 hex): equal for exact and near duplicates
  kSlotFacets = 6,       ///< authors, people keys, tags, YYYYMMDD, joined by kFacetGroupSeparator:
                         ///< the facet spy reads one value a match instead of four
};
inline constexpr char kValueSeparator = '\x1f';
inline constexpr char kFacetGroupSeparator = '\x1e';

// Prefixes of terms that are not user-visible fields.
inline constexpr std::string_view kPrefixId = "Q";         ///< unique article id (16 hex)
inline constexpr std::string_view kPrefixFile = "XF";      ///< source file key
/// Duplicate cluster (the kSlotDupKey value), on cluster members only: lists an article's
/// duplicates with one short posting list instead of a scan of the value slot. A cluster
/// keyed by its first article's id finds that article by its kPrefixId term instead
/// (indexer/near_duplicates.hpp).
inline constexpr std::string_view kPrefixDupCluster = "XD";
/// Two adjacent stemmed words of the title or body, "XBinterest rate" (common/bigrams.hpp).
inline constexpr std::string_view kPrefixBigram = "XB";

inline constexpr std::array<Field, 8> kFields = {{
    {"title", "S", "", FieldKind::kFreeText, 1, "words of the headline", "title:ceasefire"},
    {"body", "", "", FieldKind::kFreeText, 1, "words of the article text (the default field)",
     "subsoil deal"},
    {"author", "A", "XA", FieldKind::kFreeText, 1, "byline names", "author:kokhanchuk"},
    {"person", "XPW", "XP", FieldKind::kPerson, 1, "people the article mentions (folded names)",
     "person:\"Ursula von der Leyen\""},
    {"tag", "XT", "K", FieldKind::kFreeText, 1, "\"Recent news about\" tags and JSONL tags",
     "tag:zelenskyi"},
    {"date", "D", "", FieldKind::kDate, 0, "publication date: day, month, year or a range",
     "date:2025-02-01..2025-03-31"},
    {"lang", "L", "", FieldKind::kBoolean, 0, "ISO 639-1 language code detected from the text",
     "lang:uk"},
    {"url", "U", "", FieldKind::kBoolean, 0, "source URL (JSON Lines articles)",
     "url:https://example.org/a"},
}};

/// Date term prefixes (Omega conventions).
inline constexpr std::string_view kPrefixDay = "D";    ///< D20250301
inline constexpr std::string_view kPrefixMonth = "M";  ///< M202503
inline constexpr std::string_view kPrefixYear = "Y";   ///< Y2025

/// Within-document weight of title words in the unprefixed (default) field: a match in the
/// headline counts more than one in the body.
inline constexpr Xapian::termcount kTitleBoostWdf = 3;

/// Longest term this project writes: Xapian's glass backend refuses terms over 245 bytes.
inline constexpr std::size_t kMaxTermBytes = 240;

/// A stemmed word of the default field ("Zrate"): "Z" and no field prefix after it
/// (prefixes are upper case, words are not).
constexpr bool is_default_field_stem(std::string_view term) {
  return term.size() > 1 && term[0] == 'Z' && !(term[1] >= 'A' && term[1] <= 'Z');
}

/// The field with this query name, if any.
constexpr std::optional<Field> find_field(std::string_view name) {
  for (const auto& f : kFields)
    if (f.name == name) return f;
  return std::nullopt;
}

/// The field whose term prefix is this, if any (exact or word prefix).
std::optional<Field> field_of_term(std::string_view term);

// Database metadata keys.
inline constexpr std::string_view kMetaSchema = "newsearch.schema";
inline constexpr std::string_view kMetaLanguage = "newsearch.language";
inline constexpr std::string_view kMetaLastRun = "newsearch.last_run";
inline constexpr std::string_view kMetaFilePrefix = "f:";  ///< f:<abs path> -> file state
inline constexpr std::string_view kMetaPersonPrefix = "p:";  ///< p:<key> -> display spellings
/// "1" where every article has its word pairs (kPrefixBigram): set on a database a run
/// starts empty, kept by later runs; one built before them gets them with --rebuild.
inline constexpr std::string_view kMetaBigrams = "newsearch.bigrams";

static_assert(find_field("person")->exact_prefix == "XP");
static_assert(find_field("title")->prefix == "S");

}  // namespace newsearch
