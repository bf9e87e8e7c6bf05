#include "searcher/search_engine.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "common/bigrams.hpp"
#include "common/champion_lists.hpp"
#include "common/hash.hpp"
#include "common/schema.hpp"
#include "common/store.hpp"
#include "common/utf8.hpp"
#include "common/stored_article.hpp"
#include "searcher/announced_total.hpp"
#include "searcher/champion_match.hpp"
#include "searcher/facets.hpp"
#include "searcher/hit_texts.hpp"
#include "searcher/match_count.hpp"
#include "searcher/phrase_bigrams.hpp"
#include "searcher/docid_filter.hpp"
#include "searcher/query_builder.hpp"
#include "searcher/sampled_count.hpp"
#include "searcher/match_bound.hpp"
#include "searcher/sliced_match.hpp"
#include "searcher/snippet_passage.hpp"
#include "searcher/spelling_suggestion.hpp"
#include "searcher/synonyms.hpp"

namespace newsearch {

using nlohmann::json;

namespace {

constexpr int kFormatVersion = 1;
constexpr unsigned kMaxMatchThreads = 4;
// Each slice ranks the page's depth (offset + limit): past this, one thread's pruning wins.
constexpr std::size_t kMaxSlicedDepth = 10000;
constexpr std::size_t kFacetSize = 10;
constexpr std::size_t kMaxDuplicatesListed = 20;
constexpr Xapian::doccount kRecentRerankDepth = 1000;
constexpr int kRetries = 3;  // reopen-and-retry on DatabaseModifiedError
// A query that matches too much to rank in time stops with the best found so far (Xapian
// then gives approximate totals): no query may hold a server thread for long.
constexpr double kMatchTimeLimitSeconds = 5.0;

// The query is echoed in the JSON: ill-formed UTF-8 from a caller must not make the whole
// document unserialisable (nlohmann throws on it), so it is repaired here (found by fuzz_query).
std::string utf8_for_json(const std::string& s) { return is_valid_utf8(s) ? s : repair_utf8(s); }

json article_summary(const StoredArticle& a) {
  return {{"id", a.id}, {"title", a.title}, {"path", a.path}, {"date", a.date ? json(*a.date) : json(nullptr)}};
}

// How many of the best matches by the words the phrase boost re-ranks.
constexpr Xapian::doccount kBoostWindow = 100;
// Up to how many possible matches of the words the boost is applied in one pass, counting
// them all (measured against the window: 8% more instructions at 400-1,600 possible matches,
// for an exact total; 25-50% more time at 9,000-30,000).
constexpr Xapian::doccount kOnePassMatches = 2000;
// The phrase boost is weighed over its words' lists' articles only where they are at most
// two lists' worth a database: each costs a seek in every word's posting list, and at 1M
// articles three words' 1,500 cost 14-18 ms, more than the re-ranking window it replaces
// (the page then failed the weight check for both three-word benchmark queries).
constexpr std::size_t kMaxBoostCandidatesPerPart = 2 * kChampionsPerTerm;
// Up to how many possible matches every search counts them all, so that a small total is
// exact ("32", where Xapian estimated "about 40" for a person: filter). Where the bound is
// this small the posting lists are short: 3% more instructions over the benchmark's queries.
constexpr Xapian::doccount kCountAllUpTo = 500;

// The most the words of a boosted query can give an article without the phrase: their
// weights as in the whole query, the boost weighing nothing.
double words_weight_bound(const BuiltQuery& built, const Xapian::Database& db) {
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(bm25_weight());
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, built.unboosted,
                                  Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, built.boost, 0)));
  return enquire.get_mset(0, 0).get_max_possible();
}

// Whether no article holds all the word pairs of the query's phrase boost (phrase_pairs).
bool boost_matches_nowhere(const BuiltQuery& built, const Xapian::Database& db) {
  if (built.boost_pairs.empty() || built.boost.get_type() != Xapian::Query::OP_PHRASE) return false;
  for (auto t = built.boost_pairs.get_unique_terms_begin(); t != built.boost_pairs.get_unique_terms_end(); ++t)
    if (db.get_termfreq(*t) == 0) return true;
  Xapian::Enquire enquire(db);
  enquire.set_query(built.boost_pairs);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 0, 1).get_matches_lower_bound() == 0;
}

// Minutes since 1970 of a "YYYYMMDDHHMM" value (0 if absent or malformed).
double minutes_of(const std::string& v) {
  if (v.size() != 12) return 0;
  std::tm tm{};
  tm.tm_year = std::stoi(v.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(v.substr(4, 2)) - 1;
  tm.tm_mday = std::stoi(v.substr(6, 2));
  tm.tm_hour = std::stoi(v.substr(8, 2));
  tm.tm_min = std::stoi(v.substr(10, 2));
  return static_cast<double>(timegm(&tm)) / 60.0;
}

const char* sort_name(SortOrder s) {
  switch (s) {
    case SortOrder::kNewest: return "newest";
    case SortOrder::kOldest: return "oldest";
    case SortOrder::kRecent: return "recent";
    default: return "relevance";
  }
}

}  // namespace

struct SearchEngine::Impl {
  std::vector<std::string> paths;
  EngineOptions options;
  Xapian::Database db;
  std::vector<Xapian::Database> parts;    // each shard alone: Xapian reads metadata from the first only
  std::vector<std::string> unreachable;   // shards left out (allow_partial)
  bool remote = false;                    // some shard is remote
  std::vector<std::string> part_uuids;    // for DocidFilter
  bool boost_window_ok = false;           // local shards, told apart by UUID
  std::optional<Xapian::Database> spelling_db;
  std::string language;
  std::shared_ptr<const Synonyms> synonyms;
  std::unique_ptr<QueryBuilder> builder;
  std::unique_ptr<QueryBuilder> speller;  // on spelling_db; null: the builder's own database
  std::vector<SearchDatabases> slice_helpers;  // more handles of the same local databases, one a thread
  std::unordered_map<std::string, std::string> person_display_cache;
  std::optional<double> unique_share_cache;  // of the open revision (announced_total.hpp)
  std::unique_ptr<Analyzer> helper_analyzer;  // the second thread's (hit_texts.hpp)
  std::unique_ptr<WorkerThread> page_worker;   // that thread, started at the first page that uses it
  std::size_t pages_made = 0;
  Error error;
  bool ok = false;

  void open() {
    ok = false;
    // The reads after opening (language, the builders' date range) can find the revision
    // gone (revision_gone): open again, as a search does.
    for (int attempt = 0;; ++attempt) {
      try {
        open_once();
        return;
      } catch (const Xapian::Error& e) {
        if (revision_gone(e) && attempt < kRetries) continue;
        error = error_from_xapian(e, paths.empty() ? "" : paths.front());
        return;
      }
    }
  }

  void open_once() {
    auto opened = open_for_search(paths, options.allow_partial);
    if (!opened) {
      error = opened.error();
      ok = false;
      return;
    }
    db = opened->db;
    parts = opened->parts;
    unreachable = opened->unreachable;
    remote = opened->remote;
    part_uuids.clear();
    if (parts.size() > 1)
      for (const auto& part : parts) part_uuids.push_back(part.get_uuid());
    boost_window_ok = !remote && std::set<std::string>(part_uuids.begin(), part_uuids.end()).size() == part_uuids.size() &&
                      std::none_of(part_uuids.begin(), part_uuids.end(), [](const std::string& u) { return u.empty(); });
    language = database_language(db);
    spelling_db.reset();
    if (!options.spelling_db.empty()) {
      try {
        spelling_db = Xapian::Database(options.spelling_db);
      } catch (const Xapian::Error& e) {
        error = error_from_xapian(e, options.spelling_db);
        ok = false;
        return;
      }
    }
    make_builders();
    person_display_cache.clear();
    unique_share_cache.reset();
    slice_helpers.clear();
    ok = true;
  }

  void make_builders() {
    helper_analyzer.reset();  // the language may have changed
    builder = std::make_unique<QueryBuilder>(db, language, synonyms);
    builder->use_bigrams(options.bigrams && all_parts_have_pairs(parts));
    speller = spelling_db ? std::make_unique<QueryBuilder>(*spelling_db, language, synonyms) : nullptr;
  }

  // The most frequent spelling of a person key across the archive: summed over the shards
  // (or read from the spelling database, which holds the sums).
  std::string person_display(const std::string& key) {
    if (auto it = person_display_cache.find(key); it != person_display_cache.end()) return it->second;
    std::string best = key;
    const std::string meta_key = std::string(kMetaPersonPrefix) + key;
    std::map<std::string, long long> counts;
    auto add = [&](const Xapian::Database& from) {
      json j = json::parse(from.get_metadata(meta_key), nullptr, false);
      if (j.is_object())
        for (auto& [display, n] : j.items())
          if (n.is_number_integer()) counts[display] += n.get<long long>();
    };
    if (spelling_db) add(*spelling_db);
    if (counts.empty()) {
      if (parts.size() > 1)
        for (const auto& part : parts) add(part);
      else
        add(db);
    }
    long long best_n = -1;
    for (const auto& [display, n] : counts)
      if (n > best_n) best = display, best_n = n;
    if (person_display_cache.size() > 100000) person_display_cache.clear();
    return person_display_cache[key] = best;
  }

  json run(const SearchRequest& req, const BuiltQuery& built);

  double archive_unique_share() {
    if (!unique_share_cache) unique_share_cache = unique_share(db, parts);
    return *unique_share_cache;
  }

  unsigned match_threads() const {
    if (options.match_threads > 0) return options.match_threads;
    return std::clamp(std::thread::hardware_concurrency(), 1u, kMaxMatchThreads);
  }

  // The handles of a sliced match (db first), every one at db's revision: false when that
  // cannot be had (a commit between the opens; remote shards), and the match runs on db alone.
  bool slice_handles(std::vector<Xapian::Database>& handles) {
    const unsigned threads = match_threads();
    if (threads < 2 || remote) return false;
    while (slice_helpers.size() + 1 < threads) {
      auto opened = open_for_search(paths, false);
      if (!opened || opened->remote || opened->parts.size() != parts.size()) return false;
      slice_helpers.push_back(std::move(*opened));
    }
    std::vector<Xapian::Database> all{db};  // handed over whole or not at all
    for (auto& helper : slice_helpers) {
      if (!same_revision(helper)) {
        helper.db.reopen();
        if (!same_revision(helper)) return false;
      }
      all.push_back(helper.db);
    }
    handles = std::move(all);
    return true;
  }

  // The thread a search hands work to (hit_texts.hpp, match_count.hpp), started when first needed.
  WorkerThread* worker() {
    if (!page_worker) page_worker = std::make_unique<WorkerThread>();
    return page_worker.get();
  }

  bool same_revision(const SearchDatabases& helper) const {
    try {
      for (std::size_t i = 0; i < parts.size(); ++i)
        if (helper.parts[i].get_revision() != parts[i].get_revision()) return false;
      return true;
    } catch (const Xapian::Error&) {  // not a glass or chert database: no revision to compare
      return false;
    }
  }

  // After a DatabaseModifiedError. reopen() itself reads the newest revision, which one
  // more commit can discard again: then the database is opened afresh.
  void reopen_after_change() {
    unique_share_cache.reset();
    try {
      db.reopen();
    } catch (const Xapian::Error&) {
      open();
    }
  }
};

SearchEngine::SearchEngine(std::vector<std::string> databases) : SearchEngine(std::move(databases), EngineOptions{}) {}

SearchEngine::SearchEngine(std::vector<std::string> databases, EngineOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->paths = std::move(databases);
  impl_->options = std::move(options);
  impl_->synonyms = std::make_shared<const Synonyms>(Synonyms::builtin());
  impl_->open();
}
SearchEngine::~SearchEngine() = default;
SearchEngine::SearchEngine(SearchEngine&&) noexcept = default;
SearchEngine& SearchEngine::operator=(SearchEngine&&) noexcept = default;

bool SearchEngine::ok() const { return impl_->ok; }
const Error& SearchEngine::error() const { return impl_->error; }

void SearchEngine::set_synonyms(std::shared_ptr<const Synonyms> synonyms) {
  impl_->synonyms = std::move(synonyms);
  if (impl_->ok) impl_->make_builders();
}

void SearchEngine::refresh() {
  if (!impl_->ok) {
    impl_->open();
    return;
  }
  try {
    if (impl_->db.reopen()) {
      impl_->person_display_cache.clear();
      impl_->unique_share_cache.reset();
    }
    for (auto& part : impl_->parts) part.reopen();
    if (impl_->spelling_db) impl_->spelling_db->reopen();
    // --allow-partial: a shard that was down may be back.
    if (!impl_->unreachable.empty()) impl_->open();
  } catch (const Xapian::Error&) {
    impl_->open();
  }
}

json SearchEngine::Impl::run(const SearchRequest& req, const BuiltQuery& typed) {
  // A phrase boost no article can match (none holds all the phrase's word pairs) weighs
  // nothing anywhere: the search goes without it, and can take the ways of words alone
  // (champion lists, slices) with the same weights (Xapian sums the words').
  std::optional<BuiltQuery> without_boost;
  if (!remote && boost_matches_nowhere(typed, db)) {
    without_boost = typed;
    without_boost->query = typed.unboosted;
    without_boost->unboosted = without_boost->boost = without_boost->boost_pairs = Xapian::Query();
  }
  const BuiltQuery& built = without_boost ? *without_boost : typed;
  // Every Enquire of this search (one a slice in a sliced match) is set up alike.
  const EnquireSetup setup = [&req](Xapian::Enquire& e) {
    e.set_weighting_scheme(bm25_weight());
    e.set_time_limit(kMatchTimeLimitSeconds);
    if (req.collapse) e.set_collapse_key(kSlotDupKey);
    switch (req.sort) {
      case SortOrder::kNewest: e.set_sort_by_value_then_relevance(kSlotDate, true); break;
      case SortOrder::kOldest: e.set_sort_by_value_then_relevance(kSlotDate, false); break;
      default: break;
    }
  };
  const SliceOrder slice_order = req.sort == SortOrder::kNewest   ? SliceOrder::kKeyDescending
                                 : req.sort == SortOrder::kOldest ? SliceOrder::kKeyAscending
                                                                  : SliceOrder::kRelevance;
  Xapian::Enquire enquire(db);
  enquire.set_query(built.query);
  setup(enquire);
  FacetSpy spy(db.get_value_freq(kSlotFacets) != 0);
  const bool want_spy = req.facets || req.timeline;
  // xapian-tcpsrv knows only Xapian's own match spies: for remote shards, count the packed
  // values with ValueCountMatchSpy and unpack them after the match (exact, same numbers).
  std::vector<std::pair<Xapian::valueno, std::unique_ptr<Xapian::ValueCountMatchSpy>>> value_spies;
  if (want_spy && remote) {
    for (Xapian::valueno slot : {kSlotAuthors, kSlotPeople, kSlotTags, kSlotDate}) {
      value_spies.emplace_back(slot, std::make_unique<Xapian::ValueCountMatchSpy>(slot));
      enquire.add_matchspy(value_spies.back().second.get());
    }
  } else if (want_spy) {
    enquire.add_matchspy(&spy);
  }

  // recent: relevance times an exponential decay with age, over the top kRecentRerankDepth.
  const bool rerank = req.sort == SortOrder::kRecent;
  // An offset past 2^32 must not wrap round to the first page: clamp it to the docid range.
  constexpr std::size_t kMaxDocs = std::numeric_limits<Xapian::doccount>::max();
  const std::size_t offset = std::min<std::size_t>(req.offset, kMaxDocs);
  const Xapian::doccount first = rerank ? 0 : static_cast<Xapian::doccount>(offset);
  const Xapian::doccount count =
      rerank ? std::max<Xapian::doccount>(kRecentRerankDepth,
                                          static_cast<Xapian::doccount>(std::min(offset + req.limit, kMaxDocs)))
             : static_cast<Xapian::doccount>(std::min(req.limit, kMaxDocs));
  // Facets count every match; otherwise Xapian may stop early and estimate the total.
  const Xapian::doccount check_at_least = want_spy ? db.get_doccount() : 0;
  // The phrase boost reads the positions of every document that has all the words, which
  // over a large archive is most of a multi-word search's time. So the words rank first and
  // the boost re-ranks their best kBoostWindow (as Elasticsearch's rescore window does):
  // where every match fits in the window, the ranking is exactly the boosted query's. Not
  // for remote shards (xapian-tcpsrv knows no DocidFilter) nor for date orders.
  // Where the words can match at most kOnePassMatches articles, one pass of the boosted query
  // ranks exactly and counts every match (see kOnePassMatches for what that costs).
  const bool boost_here = !built.boost.empty() && boost_window_ok && req.sort != SortOrder::kNewest &&
                          req.sort != SortOrder::kOldest;
  const Xapian::doccount bound = boost_here ? match_upper_bound(built.unboosted, db) : 0;
  const bool rescore = boost_here && bound > kOnePassMatches;
  // Small matches are counted whole (kCountAllUpTo); not over remote shards, where each
  // term frequency would be a round trip.
  Xapian::doccount count_all = boost_here ? bound : 0;
  Xapian::doccount possible = bound;
  if (!boost_here && !remote && !want_spy) {
    possible = match_upper_bound(built.query, db);
    if (possible <= kCountAllUpTo) count_all = possible;
  }
  // Where the boosted words are counted whole, they are counted apart from the page, which
  // can then stop early (match_count.hpp): on the second core from an engine's second search
  // on (a one-off search would spend more on the second handle and thread than it saves).
  std::vector<Xapian::Database> handles;
  std::optional<PendingCount> words_count;
  if (boost_here && !rescore && !want_spy && count_all > 0) {
    const bool second_core = pages_made > 0 && slice_handles(handles);
    words_count.emplace(db, built.unboosted, req.collapse ? kSlotDupKey : Xapian::BAD_VALUENO, count_all,
                        second_core ? worker() : nullptr, second_core ? &handles[1] : nullptr);
  }
  // A large match is weighed over its words' champion lists first (champion_lists.hpp):
  // where the page's last hit outweighs every article left out, the page is the whole
  // match's. A frequent word alone (or less NOT words, within filters) is weighed from its
  // list alone; other queries (phrases, words ORed) run whole over the articles of their
  // words' lists. With the phrase boost, the boosted query itself: where its page outweighs
  // every article left out, the page is the exact boosted ranking, and no window is needed
  // (the best hundred by the words alone never all outweighed the rest: at 1M articles the
  // hundredth was 4-24% under the bound). Not where one boosted pass counts every match, nor
  // for date orders or re-ranking by freshness (both look past the best few hundred), nor
  // with spies (they count all). The total is the word's, or sampled.
  std::optional<Xapian::MSet> champion_page;
  if (options.champions && (count_all == 0 || rescore) && !want_spy && boost_window_ok &&
      req.sort == SortOrder::kRelevance && offset + count <= kChampionsPerTerm / 4 &&
      possible >= kChampionsFromTermfreq &&
      (built.query.get_type() == Xapian::Query::LEAF_TERM || worth_sampling(built.query))) {
    // The page of `query`, where its last hit outweighs `bound`.
    const auto page_above = [&](const Xapian::Query& query, double bound) -> std::optional<Xapian::MSet> {
      enquire.set_query(query);
      Xapian::MSet m = enquire.get_mset(first, count);
      if (m.size() == count && m[m.size() - 1].get_weight() > bound) return m;
      return std::nullopt;
    };
    if (auto plan = champion_plan(parts, db, built.query)) {
      champion_page = page_above(champion_query(built.query, *plan, db, part_uuids), plan->weight_bound());
    } else if (auto candidates = candidate_plan(parts, db, built.query);
               candidates && (!rescore || candidates->docids.size() <= kMaxBoostCandidatesPerPart * parts.size())) {
      const Xapian::Query among(Xapian::Query::OP_FILTER, built.query,
                                Xapian::Query((new DocidFilter(candidates->docids, part_uuids))->release()));
      champion_page = page_above(among, candidates->weight_bound);
    }
    enquire.set_query(built.query);
  }
  // A phrase boost of three words or more reads the positions of every article the boosted
  // pass meets, but only an article with every word pair of the phrase can hold it
  // (phrase_pairs): the page is made from those first (on every core where the words match
  // thousands), words and boost weighed as in the whole query. Where its last hit outweighs
  // all the words alone can give an article, it is the whole match's page: exact, where the
  // re-ranking window is not always. The total is then counted without weights or positions
  // (one pass's matches) or sampled (the window's). Callgrind, shared corpora: "interest
  // rates cut" -15% instructions (60 articles with both pairs of 236 matches); at 1M
  // articles 26 -> 19.5 ms p50. Two-word boosts read no positions (phrase_bigrams.hpp).
  std::optional<SlicedMatch> pair_page;
  if (boost_here && !champion_page && !want_spy && !built.boost_pairs.empty() &&
      built.boost.get_type() == Xapian::Query::OP_PHRASE) {
    // Counted first (no weights, no positions): too few such articles to fill the page,
    // and the whole match is weighed anyway.
    Xapian::Enquire with_pairs(db);
    with_pairs.set_query(built.boost_pairs);
    with_pairs.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::doccount holding = with_pairs.get_mset(0, 0, first + count).get_matches_lower_bound();
    if (holding >= first + count) {
      const Xapian::Query among(Xapian::Query::OP_AND_MAYBE,
                                Xapian::Query(Xapian::Query::OP_FILTER, built.unboosted, built.boost_pairs), built.boost);
      SlicedMatch m;
      if (rescore && offset + count <= kMaxSlicedDepth && slice_handles(handles)) {
        m = sliced_match(handles, among, setup, slice_order, req.collapse, first, count);
      } else {
        enquire.set_query(among);
        m = whole_match(enquire.get_mset(first, count), req.collapse);
      }
      if (m.hits.size() == count && m.hits.back().get_weight() > words_weight_bound(built, db) * kChampionTieMargin)
        pair_page = std::move(m);
    }
    enquire.set_query(built.query);
  }
  // A large match runs on every core, over slices of the ids (sliced_match.hpp); not with
  // match spies (a spy would count a cluster split over two slices twice).
  const bool sliced = !champion_page && !pair_page && !want_spy && !remote && (rescore || count_all == 0) &&
                      possible >= options.slice_from && offset + count <= kMaxSlicedDepth &&
                      slicing_pays(rescore ? built.unboosted : built.query) && slice_handles(handles);

  Xapian::doccount lower = 0, estimated = 0, upper = 0;  // the number of (collapsed) matches
  Xapian::doccount uncollapsed = 0;                      // the estimate before collapsing
  std::vector<Xapian::MSetIterator> order;               // the page, best first
  std::optional<Xapian::MSet> page_mset;                 // term weights for the snippets
  // Hits that stand for others, where the page's MSet cannot say (a re-ranked or sliced page).
  std::unordered_map<Xapian::docid, std::pair<Xapian::doccount, std::string>> collapsed;
  const bool collapse_from_map = !champion_page && (rescore || sliced || pair_page);
  bool counted_all = want_spy;
  if (champion_page) {
    for (auto it = champion_page->begin(); it != champion_page->end(); ++it) order.push_back(it);
    lower = champion_page->get_matches_lower_bound();
    // The snippets weigh the query's own terms, which the champions' query has not.
    page_mset = enquire.get_mset(0, 0);
    // The page's MSet counted the lists only: the total is the word's (or sampled, below).
    estimated = uncollapsed = upper = possible;
    if (!req.collapse && built.query.get_type() == Xapian::Query::LEAF_TERM) lower = possible;
  } else if (pair_page) {
    order = std::move(pair_page->hits);
    collapsed = std::move(pair_page->collapsed);
    page_mset = std::move(pair_page->weights);
    lower = pair_page->lower;
    estimated = uncollapsed = upper = possible;  // the words' bound; counted (words_count) or sampled below
  } else if (rescore) {
    enquire.set_query(built.unboosted);
    const Xapian::doccount window = std::max<Xapian::doccount>(kBoostWindow, first + count);
    SlicedMatch m = sliced ? sliced_match(handles, built.unboosted, setup, slice_order, req.collapse, 0, window)
                           : whole_match(enquire.get_mset(0, window, check_at_least), req.collapse);
    std::vector<Xapian::docid> best;
    for (const auto& it : m.hits) best.push_back(*it);
    collapsed = std::move(m.collapsed);
    lower = m.lower, estimated = m.estimated, upper = m.upper, uncollapsed = m.uncollapsed_estimated;
    // The same settings again; the facets were counted by the first pass, and the window
    // holds one article a cluster already, so nothing is left to collapse.
    enquire.clear_matchspies();
    enquire.set_collapse_key(Xapian::BAD_VALUENO);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, built.query,
                                    Xapian::Query((new DocidFilter(std::move(best), part_uuids))->release())));
    page_mset = enquire.get_mset(first, count);
    for (auto it = page_mset->begin(); it != page_mset->end(); ++it) order.push_back(it);
  } else if (sliced) {
    SlicedMatch m = sliced_match(handles, built.query, setup, slice_order, req.collapse, first, count);
    order = std::move(m.hits);
    collapsed = std::move(m.collapsed);
    lower = m.lower, estimated = m.estimated, upper = m.upper, uncollapsed = m.uncollapsed_estimated;
    page_mset = std::move(m.weights);
  } else {
    // Every possible match is counted (at most kOnePassMatches): stopping early on the
    // words' weights, Xapian's estimate of the total was far off ("about 40" for 200). The
    // boosted words by words_count, beside this page; other queries by this one pass.
    page_mset = enquire.get_mset(first, count, words_count ? check_at_least : std::max(check_at_least, count_all));
    for (auto it = page_mset->begin(); it != page_mset->end(); ++it) order.push_back(it);
    lower = page_mset->get_matches_lower_bound(), estimated = page_mset->get_matches_estimated();
    upper = page_mset->get_matches_upper_bound(), uncollapsed = page_mset->get_uncollapsed_matches_estimated();
    counted_all = counted_all || count_all > 0;
  }
  for (const auto& [slot, value_spy] : value_spies) spy.add_value_counts(slot, *value_spy);

  std::vector<double> scores;
  for (auto& it : order) scores.push_back(it.get_weight());
  if (rerank && !order.empty()) {
    double newest = 0;
    std::vector<double> when;
    for (auto& it : order) {
      when.push_back(minutes_of(db.get_document(*it, Xapian::DOC_ASSUME_VALID).get_value(kSlotDate)));
      newest = std::max(newest, when.back());
    }
    const double half_life_minutes = std::max(req.half_life_days, 0.001) * 24 * 60;
    std::vector<std::size_t> idx(order.size());
    for (std::size_t i = 0; i < idx.size(); ++i) {
      const double age = when[i] > 0 ? newest - when[i] : 100 * half_life_minutes;
      scores[i] *= std::exp2(-age / half_life_minutes);
      idx[i] = i;
    }
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    std::vector<Xapian::MSetIterator> o2;
    std::vector<double> s2;
    for (std::size_t k = req.offset; k < idx.size() && o2.size() < req.limit; ++k) {
      o2.push_back(order[idx[k]]);
      s2.push_back(scores[idx[k]]);
    }
    order = std::move(o2);
    scores = std::move(s2);
  }

  // What the articles must match: the query less its phrase boost (which only weighs).
  const Xapian::Query& matching = built.unboosted.empty() ? built.query : built.unboosted;
  // Matches not all seen: Xapian's guess for words ANDed assumes they are independent, and a
  // phrase's is half its words' count; both are counted over a sample of the ids instead
  // (sampled_count.hpp), beside the snippets (on the second core from an engine's second
  // search on, as words_count). (`possible` is the bound of `matching` wherever a sample is
  // taken: local, no spies.) A two-word phrase answered from its pair's term needs no sample:
  // the term's frequency is its count (not over remote shards: a round trip).
  if (words_count) counted_all = true;  // read once the snippets are made
  const std::optional<Xapian::doccount> pair_count =
      counted_all || remote || lower == upper ? std::nullopt : pair_phrase_matches(matching, db);
  const bool sampled = !counted_all && !pair_count && !remote && lower != upper && worth_sampling(matching);
  std::optional<PendingWork<Xapian::doccount>> sample;
  if (sampled) {
    const bool second_core = pages_made > 0 && (handles.size() > 1 || slice_handles(handles));
    sample.emplace(
        db, matching,
        [possible](const Xapian::Database& d, const Xapian::Query& q) { return sampled_match_count(d, q, possible); },
        second_core ? worker() : nullptr, second_core ? &handles[1] : nullptr);
  }
  const Xapian::Query shown =
      built.highlight.empty() ? built.query : Xapian::Query(Xapian::Query::OP_OR, built.query, built.highlight);
  const std::vector<std::string> probes = snippet_probes(shown, built.name_variants);
  // Phrases and person: names: the snippet takes its terms and their weights from an MSet of
  // the loose query (its words ORed).
  std::optional<Xapian::MSet> highlight_mset;
  if (!order.empty() && (has_positional_subquery(built.query) || !built.highlight.empty())) {
    Xapian::Enquire loose(db);
    loose.set_query(highlight_query(shown));
    loose.set_weighting_scheme(bm25_weight());
    highlight_mset = loose.get_mset(0, 0);
  }
  const Xapian::MSet& snippet_mset = highlight_mset ? *highlight_mset : *page_mset;
  const SnippetSpec spec{highlight_mset ? highlight_query(shown) : built.query, probes, req.snippet_bytes,
                         built.name_variants};
  std::vector<Xapian::docid> ids;
  for (const auto& it : order) ids.push_back(*it);
  // A page of several hits is read on two threads (hit_texts.hpp), from an engine's second
  // page on: a one-off search (the command line) would spend more on opening a second
  // handle and starting a thread than it saves. (slice_handles gives two handles at least.)
  std::optional<HitTextHelper> helper;
  // (Handles already held are not made again: words_count may be using the second.)
  if (++pages_made > 1 && two_threads_pay(ids.size()) && (handles.size() > 1 || slice_handles(handles))) {
    if (!helper_analyzer) helper_analyzer = std::make_unique<Analyzer>(builder->analyzer().language());
    helper = HitTextHelper{worker(), &handles[1], helper_analyzer.get()};
  }
  std::vector<HitText> texts = hit_texts(ids, db, snippet_mset, builder->analyzer(), spec, helper ? &*helper : nullptr);
  json results = json::array();
  for (std::size_t i = 0; i < order.size(); ++i) {
    auto& it = order[i];
    StoredArticle& a = texts[i].article;
    std::vector<std::string> people;
    for (std::size_t k = 0; k < a.person_keys.size(); ++k) people.push_back(person_display(a.person_keys[k]));
    // The article's fields are moved into the hit (its body stays for the snippet).
    // Emplaced one by one: an initializer list builds every key-value pair as an array first.
    json r = json::object();
    r.emplace("rank", req.offset + i + 1);
    r.emplace("id", std::move(a.id));
    r.emplace("score", std::round(scores[i] * 1000) / 1000);
    r.emplace("title", std::move(a.title));
    r.emplace("authors", std::move(a.authors));
    r.emplace("date", a.date ? json(std::move(*a.date)) : json(nullptr));
    r.emplace("tags", std::move(a.tags));
    r.emplace("people", std::move(people));
    r.emplace("path", std::move(a.path));
    r.emplace("abspath", std::move(a.abspath));
    r.emplace("url", std::move(a.url));
    r.emplace("snippet", std::move(texts[i].snippet));
    // The articles collapsed into this hit: same cluster key, matching the query too. (A
    // re-ranked page holds one article of each cluster: the first pass counted the others.)
    Xapian::doccount similar = 0;
    std::string key;
    if (req.collapse && collapse_from_map) {
      if (auto c = collapsed.find(*it); c != collapsed.end()) std::tie(similar, key) = c->second;
    } else if (req.collapse) {
      similar = it.get_collapse_count();
      if (similar > 0) key = it.get_collapse_key();
    }
    json dups = json::array();
    // Xapian 1.4 collapses across a remote shard and other shards but loses the collapse
    // count and key in the merge: the key is in the document, look the duplicates up.
    // And Xapian counts only the members it met while the hit was in its page (a sliced
    // match: in its slice), so every hit that is in a cluster lists the members matching.
    if (req.collapse && key.empty()) {
      // The hit's own key: Xapian's where its MSet collapsed (reading the document's values
      // cost 3.5% of the benchmark's instructions); the document's after a re-ranking pass
      // (which does not collapse) and over remote shards. Read through this thread's handle,
      // never the hit's own MSet: a sliced page's hit may come from the second handle, which
      // a count or sample may be using on the second thread right now (match_count.hpp;
      // ASan caught the race as a crash inside Xapian).
      const std::string own = rescore || remote
                                  ? db.get_document(*it, Xapian::DOC_ASSUME_VALID).get_value(kSlotDupKey)
                                  : it.get_collapse_key();
      if (!own.empty() && (remote || db.term_exists(std::string(kPrefixDupCluster) + own))) key = own;
    }
    if (!key.empty()) {
      Xapian::Enquire e2(db);
      // The cluster term, and the first article by its id where the key is that id (it has
      // the key but not the term: near_duplicates.hpp); databases written before the
      // cluster term existed scan the value slot. (Not the id's term filtered by the value:
      // Xapian drove that AND from the value range, a scan of the whole slot, 86M
      // instructions a search at a million articles.)
      const std::string cluster_term = std::string(kPrefixDupCluster) + key;
      const Xapian::Query cluster =
          db.term_exists(cluster_term)
              ? Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(cluster_term), Xapian::Query(std::string(kPrefixId) + key))
              : Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kSlotDupKey, key, key);
      // Without the phrase boost: it would read the positions of every member (3% of the
      // benchmark's instructions), to order copies of one story.
      e2.set_query(Xapian::Query(Xapian::Query::OP_FILTER, matching, cluster));
      Xapian::MSet m2 = e2.get_mset(0, kMaxDuplicatesListed + 1);
      for (auto d = m2.begin(); d != m2.end(); ++d) {
        if (*d == *it) continue;
        const Xapian::Document doc = d.get_document();
        // The id may be that of an article rewritten since it began the cluster, now out of it.
        if (doc.get_value(kSlotDupKey) != key) continue;
        dups.push_back(article_summary(StoredArticle::unserialise(doc.get_data())));
        if (dups.size() >= kMaxDuplicatesListed) break;
      }
    }
    r["similar"] = std::max<std::size_t>(similar, dups.size());
    r["duplicates"] = dups;
    results.push_back(std::move(r));
  }

  // The total, settled last: the words' count or the sample may have been made on the second
  // core meanwhile.
  if (words_count) {
    const MatchCount c = words_count->get();
    lower = c.lower, estimated = c.estimated, upper = c.upper, uncollapsed = c.uncollapsed;
  }
  if (pair_count) uncollapsed = *pair_count;
  if (sample) uncollapsed = sample->get();
  // Every match seen: with collapsing, Xapian 1.4's lower bound is then the exact number of
  // hits, while its estimate stays scaled from the uncollapsed one. Otherwise a collapsed or
  // sampled search announces its own estimate (announced_total.hpp).
  Xapian::doccount total = counted_all ? lower : estimated;
  if (!counted_all && lower != upper && (req.collapse || sampled || pair_count))
    total = announced_total(uncollapsed, req.collapse ? archive_unique_share() : 1.0, lower, upper);
  if (pair_count && !req.collapse) total = std::clamp(*pair_count, lower, upper);  // exact: no rounding
  json out = {{"format_version", kFormatVersion},
              {"query", utf8_for_json(req.query)},
              {"parsed", built.query.get_description()},
              {"total", total},
              {"total_exact", counted_all || lower == upper || (pair_count && !req.collapse)},
              {"offset", req.offset},
              {"limit", req.limit},
              {"sort", sort_name(req.sort)},
              {"notices", built.frontend.notices},
              {"results", std::move(results)}};
  if (!unreachable.empty()) {
    // --allow-partial: say which shards are missing from these results.
    out["partial"] = true;
    for (const auto& u : unreachable) out["notices"].push_back("shard left out (unreachable): " + u);
  }
  if (req.facets) {
    json facets = json::object();
    for (const char* f : {"authors", "people", "tags", "months"}) {
      json list = json::array();
      for (auto& [value, n] : spy.top(f, kFacetSize))
        list.push_back({std::string(f) == "people" ? person_display(value) : value, n});
      facets[f] = list;
    }
    out["facets"] = std::move(facets);
  }
  if (req.timeline) {
    json tl = json::array();
    for (auto& [period, n] : spy.timeline()) tl.push_back({period, n});
    out["timeline"] = std::move(tl);
  }
  return out;
}

Result<json> SearchEngine::search(const SearchRequest& req) {
  if (!impl_->ok) return impl_->error;
  const auto t0 = std::chrono::steady_clock::now();
  for (int attempt = 0;; ++attempt) {
    try {
      QueryOptions qo;
      qo.any = req.any;
      qo.since = req.since;
      qo.until = req.until;
      qo.spelling = false;  // asked for only when nothing is found (it costs lookups)
      Result<BuiltQuery> built = Error{};
      if (!req.like.empty()) {
        auto like = like_query(req.like);
        if (!like) return like.error();
        BuiltQuery bq;
        bq.query = *like;
        built = bq;
      } else {
        built = impl_->builder->build(req.query, qo);
      }
      if (!built) return built.error();
      json out = impl_->run(req, *built);

      // Nothing found: which words matched nothing, and a spelling that finds something.
      json unmatched = json::array();
      out["suggestion"] = nullptr;
      if (out["total"].get<Xapian::doccount>() == 0 && req.like.empty()) {
        for (const auto& w : built->frontend.plain_words)
          if (impl_->db.get_termfreq(impl_->builder->analyzer().stemmed_term(w)) == 0) unmatched.push_back(w);
        QueryOptions spell = qo;
        spell.spelling = true;
        auto respelt = (impl_->speller ? impl_->speller : impl_->builder)->build(req.query, spell);
        if (respelt) {
          respelt->corrected = keep_found_words(req.query, respelt->corrected, built->frontend.plain_words, unmatched);
          respelt->corrected = correct_person_fields(respelt->corrected.empty() ? req.query : respelt->corrected, impl_->db);
        }
        if (respelt && !respelt->corrected.empty() && respelt->corrected != req.query) {
          auto alt = impl_->builder->build(respelt->corrected, qo);
          if (alt) {
            Xapian::Enquire e(impl_->db);
            e.set_query(alt->query);
            if (e.get_mset(0, 1).size() > 0) out["suggestion"] = utf8_for_json(respelt->corrected);
          }
        }
      }
      out["unmatched"] = unmatched;
      out["elapsed_ms"] =
          std::round(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() * 100) / 100;
      return out;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= kRetries) return Error{"database changed too often during the search", "retry", 2};
      impl_->reopen_after_change();
      if (!impl_->ok) return impl_->error;
    } catch (const Xapian::DatabaseCorruptError& e) {
      // The database was swapped for a rebuilt one under this handle (a really corrupt one
      // fails again after the fresh open, and is reported).
      if (attempt >= kRetries) return error_from_xapian(e, impl_->paths.empty() ? "" : impl_->paths.front());
      impl_->open();
      if (!impl_->ok) return impl_->error;
    } catch (const Xapian::NetworkError& e) {
      // A remote connection broke (xapian-tcpsrv closes idle ones; a shard host restarted
      // or died): connect again and retry once. A shard still down is an error, or with
      // --allow-partial is left out of the results.
      if (attempt >= 1) return error_from_xapian(e, "(a remote shard)");
      impl_->open();
      if (!impl_->ok) return impl_->error;
    } catch (const Xapian::Error& e) {
      return error_from_xapian(e, impl_->paths.empty() ? "" : impl_->paths.front());
    }
  }
}

Result<Xapian::Query> SearchEngine::like_query(const std::string& id_or_path) {
  Xapian::Database& db = impl_->db;
  Xapian::docid target = 0;
  std::uint64_t dummy;
  if (parse_hex64(id_or_path, dummy)) {
    auto p = db.postlist_begin(std::string(kPrefixId) + id_or_path);
    if (p != db.postlist_end(std::string(kPrefixId) + id_or_path)) target = *p;
  }
  if (!target) {
    char* resolved = realpath(id_or_path.c_str(), nullptr);
    const std::string abs = resolved ? resolved : id_or_path;
    std::free(resolved);
    const std::string term = std::string(kPrefixFile) + abs;
    auto p = db.postlist_begin(term);
    if (p != db.postlist_end(term)) target = *p;
  }
  if (!target) return Error{"no indexed article with id or path '" + id_or_path + "'", "", 1};
  Xapian::RSet rset;
  rset.add_document(target);
  Xapian::Enquire enquire(db);
  struct StemmedBodyTerms : Xapian::ExpandDecider {
    bool operator()(const std::string& t) const override {
      return t.size() > 3 && is_default_field_stem(t);
    }
  } decider;
  // Exact term frequencies: Xapian otherwise approximates them per shard when several
  // databases are searched as one, and "more like this" would pick other terms.
  Xapian::ESet eset = enquire.get_eset(40, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
  std::vector<Xapian::Query> terms;
  for (auto t = eset.begin(); t != eset.end(); ++t) terms.emplace_back(*t);
  const std::string self = db.get_document(target).get_data();
  Xapian::Query q(Xapian::Query::OP_OR, terms.begin(), terms.end());
  return Xapian::Query(Xapian::Query::OP_AND_NOT, q,
                       Xapian::Query(std::string(kPrefixId) + StoredArticle::unserialise(self).id));
}

Result<json> SearchEngine::article(const std::string& id) {
  if (!impl_->ok) return impl_->error;
  std::uint64_t dummy;
  if (!parse_hex64(id, dummy)) return Error{"article id must be 16 hex digits", "", 2};
  for (int attempt = 0;; ++attempt) {
    try {
      const std::string term = std::string(kPrefixId) + id;
      auto p = impl_->db.postlist_begin(term);
      if (p == impl_->db.postlist_end(term)) return Error{"no article with id " + id, "", 1};
      StoredArticle a = StoredArticle::unserialise(impl_->db.get_document(*p).get_data());
      std::vector<std::string> people, paragraphs;
      for (const auto& k : a.person_keys) people.push_back(impl_->person_display(k));
      std::size_t start = 0;
      while (start < a.body.size()) {
        std::size_t end = a.body.find('\n', start);
        if (end == std::string::npos) end = a.body.size();
        paragraphs.push_back(a.body.substr(start, end - start));
        start = end + 1;
      }
      return json{{"format_version", kFormatVersion}, {"id", a.id},       {"title", a.title},
                  {"authors", a.authors},            {"date", a.date ? json(*a.date) : json(nullptr)},
                  {"tags", a.tags},                  {"people", people}, {"path", a.path},
                  {"abspath", a.abspath},            {"url", a.url},     {"lang", a.language},
                  {"paragraphs", paragraphs}};
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= kRetries) return Error{"database changed too often", "retry", 2};
      impl_->reopen_after_change();
      if (!impl_->ok) return impl_->error;
    } catch (const Xapian::DatabaseCorruptError& e) {
      if (attempt >= kRetries) return error_from_xapian(e, impl_->paths.front());
      impl_->open();
      if (!impl_->ok) return impl_->error;
    } catch (const Xapian::Error& e) {
      return error_from_xapian(e, impl_->paths.front());
    }
  }
}

json SearchEngine::suggest(const std::string& prefix_text, std::size_t limit) {
  json out = {{"format_version", kFormatVersion}, {"query", utf8_for_json(prefix_text)}, {"suggestions", json::array()}};
  if (!impl_->ok) return out;
  // The word being typed: after the last space (and after "field:").
  std::string word = prefix_text.substr(prefix_text.find_last_of(" \t") == std::string::npos ? 0 : prefix_text.find_last_of(" \t") + 1);
  if (auto colon = word.find(':'); colon != std::string::npos) word = word.substr(colon + 1);
  while (!word.empty() && (word.front() == '"' || word.front() == '(' || word.front() == '+' || word.front() == '-'))
    word.erase(0, 1);
  const std::string folded = fold_accents(word);
  if (folded.size() < 2) return out;
  try {
    // Terms: the most frequent unstemmed words with this prefix.
    std::vector<std::pair<Xapian::doccount, std::string>> terms;
    for (auto t = impl_->db.allterms_begin(folded); t != impl_->db.allterms_end(folded); ++t) {
      terms.emplace_back(t.get_termfreq(), *t);
      if (terms.size() > 2000) break;
    }
    std::sort(terms.begin(), terms.end(), [](auto& a, auto& b) { return a.first > b.first; });
    // People: canonical person terms whose any word starts with the prefix.
    const std::string person_prefix = std::string(find_field("person")->exact_prefix) + folded;
    std::vector<std::pair<Xapian::doccount, std::string>> persons;
    for (auto t = impl_->db.allterms_begin(person_prefix); t != impl_->db.allterms_end(person_prefix); ++t) {
      persons.emplace_back(t.get_termfreq(), (*t).substr(find_field("person")->exact_prefix.size()));
      if (persons.size() > 500) break;
    }
    std::sort(persons.begin(), persons.end(), [](auto& a, auto& b) { return a.first > b.first; });
    const std::string author_prefix = std::string(find_field("author")->exact_prefix) + folded;
    std::vector<std::pair<Xapian::doccount, std::string>> authors;
    for (auto t = impl_->db.allterms_begin(author_prefix); t != impl_->db.allterms_end(author_prefix); ++t) {
      authors.emplace_back(t.get_termfreq(), (*t).substr(find_field("author")->exact_prefix.size()));
      if (authors.size() > 500) break;
    }
    std::sort(authors.begin(), authors.end(), [](auto& a, auto& b) { return a.first > b.first; });
    auto& list = out["suggestions"];
    for (std::size_t i = 0; i < persons.size() && list.size() < limit / 2; ++i)
      list.push_back({{"text", impl_->person_display(persons[i].second)}, {"kind", "person"}, {"count", persons[i].first}});
    for (std::size_t i = 0; i < authors.size() && list.size() < limit * 3 / 4; ++i)
      list.push_back({{"text", authors[i].second}, {"kind", "author"}, {"count", authors[i].first}});
    for (std::size_t i = 0; i < terms.size() && list.size() < limit; ++i)
      list.push_back({{"text", terms[i].second}, {"kind", "term"}, {"count", terms[i].first}});
  } catch (const Xapian::Error&) {
  }
  return out;
}

std::string SearchEngine::revision() const {
  if (!impl_->ok || impl_->parts.size() > 1) return {};
  try {
    return std::to_string(impl_->db.get_revision());
  } catch (const Xapian::Error&) {
    return {};
  }
}

json SearchEngine::health() {
  json out = {{"format_version", kFormatVersion}};
  if (!impl_->ok) {
    out["status"] = "error";
    out["error"] = impl_->error.message;
    return out;
  }
  try {
    out["status"] = "ok";
    out["documents"] = impl_->db.get_doccount();
    out["revision"] = impl_->db.get_uuid();
  } catch (const Xapian::Error& e) {
    out["status"] = "error";
    out["error"] = e.get_description();
  }
  return out;
}

}  // namespace newsearch
