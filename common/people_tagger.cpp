// Features, greedy decoding and training of the person-name tagger (people_tagger.hpp).
#include "common/people_tagger.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "common/embedded_data.hpp"
#include "common/people_lexicon.hpp"

namespace newsearch {
namespace {

constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

std::uint64_t fnv(std::uint64_t h, std::string_view s) {
  for (unsigned char c : s) h = (h ^ c) * kFnvPrime;
  return h;
}

// A feature is its name and value hashed together; 0 is reserved for empty slots.
std::uint64_t feat(std::string_view name, std::string_view value) {
  std::uint64_t h = fnv(kFnvOffset, name);
  h = (h ^ 0x1f) * kFnvPrime;
  h = fnv(h, value);
  return h == 0 ? 1 : h;
}

// Word shape with runs collapsed: "Xx", "X.", "X.X.", "XX", "Xx-Xx", "d", "x".
std::string shape(std::string_view a) {
  std::string s;
  for (char ch : a) {
    char k = ch >= 'A' && ch <= 'Z' ? 'X' : ch >= 'a' && ch <= 'z' ? 'x' : ch >= '0' && ch <= '9' ? 'd' : ch;
    if (s.empty() || s.back() != k) s += k;
    if (s.size() >= 8) break;
  }
  return s;
}

std::string_view suffix(std::string_view w, std::size_t n) { return w.size() > n ? w.substr(w.size() - n) : w; }
std::string_view prefix(std::string_view w, std::size_t n) { return w.substr(0, std::min(n, w.size())); }

const char* kLabelName[3] = {"O", "B", "I"};

bool allowed(int label, int prev_label, bool prev_candidate) {
  return label != kInside || (prev_candidate && prev_label != kOut);
}

}  // namespace

void NameDocContext::add_candidates(const std::vector<NameToken>& tokens) {
  for (const NameToken& t : tokens)
    if (t.candidate) candidates.insert(t.hash);
}

void NameDocContext::add_lower(const std::vector<NameToken>& tokens) {
  for (const NameToken& t : tokens)
    if (t.word && !t.cap && !t.all_caps && candidates.count(t.hash)) lower_words.insert(t.hash);
}

void name_features(const std::vector<NameToken>& tk, std::size_t lo, std::size_t hi, std::size_t i,
                   int prev_label, const NameDocContext& doc, std::vector<std::uint64_t>& out) {
  const NameToken& t = tk[i];
  auto word_at = [&](std::ptrdiff_t k) -> std::string_view {
    if (k < static_cast<std::ptrdiff_t>(lo)) return "<s>";
    if (k >= static_cast<std::ptrdiff_t>(hi)) return "</s>";
    return tk[static_cast<std::size_t>(k)].lower;
  };
  auto ii = static_cast<std::ptrdiff_t>(i);
  std::string sh = shape(t.ascii);
  std::string_view pl = kLabelName[prev_label];
  out.clear();
  out.push_back(feat("bias", ""));
  out.push_back(feat("w", t.lower));
  out.push_back(feat("sh", sh));
  out.push_back(feat("p3", prefix(t.lower, 3)));
  out.push_back(feat("s3", suffix(t.lower, 3)));
  out.push_back(feat("s4", suffix(t.lower, 4)));
  out.push_back(feat("pw", word_at(ii - 1)));
  out.push_back(feat("pw2", word_at(ii - 2)));
  out.push_back(feat("nw", word_at(ii + 1)));
  out.push_back(feat("nw2", word_at(ii + 2)));
  out.push_back(feat("pl", pl));
  out.push_back(feat("pl+sh", std::string(pl) + sh));
  out.push_back(feat("pl+w", std::string(pl) + t.lower));
  bool prev_cand = i > lo && is_name_candidate(tk[i - 1]);
  bool next_cand = i + 1 < hi && is_name_candidate(tk[i + 1]);
  out.push_back(feat("pc+nc", std::string(prev_cand ? "1" : "0") + (next_cand ? "1" : "0")));
  if (i > lo) out.push_back(feat("psh", shape(tk[i - 1].ascii)));
  if (i + 1 < hi) out.push_back(feat("nsh", shape(tk[i + 1].ascii)));
  if (t.sentence_start) {
    out.push_back(feat("ss", ""));
    out.push_back(feat("ss+nw", word_at(ii + 1)));
  }
  if (t.given) out.push_back(feat("fn", pl));
  if (i > lo && tk[i - 1].given && tk[i - 1].cap) out.push_back(feat("pfn", pl));
  if (next_cand && tk[i + 1].given) out.push_back(feat("nfn", ""));
  if (t.role) out.push_back(feat("role", ""));
  if (i > lo && tk[i - 1].role) out.push_back(feat("prole", ""));
  if (t.not_name) out.push_back(feat("nn", ""));
  if (i + 1 < hi && tk[i + 1].not_name) out.push_back(feat("nnn", ""));
  if (doc.lower_words.count(t.hash)) out.push_back(feat("dlow", sh));
  if (t.initial) out.push_back(feat("init", pl));
  if (t.all_caps) out.push_back(feat("acaps", word_at(ii + 1)));
  if (t.particle) out.push_back(feat("part", std::string(pl) + (next_cand ? "1" : "0")));
}

void PeopleTagger::insert(std::uint64_t key, const std::array<float, 3>& w) {
  if ((count_ + 1) * 2 > table_.size()) {
    std::vector<Slot> old = std::move(table_);
    table_.assign(std::max<std::size_t>(1024, old.size() * 2), Slot{});
    count_ = 0;
    for (const Slot& s : old)
      if (s.key) insert(s.key, s.w);
  }
  std::size_t mask = table_.size() - 1;
  for (std::size_t p = key & mask;; p = (p + 1) & mask) {
    if (table_[p].key == 0) {
      table_[p] = Slot{key, w};
      ++count_;
      return;
    }
    if (table_[p].key == key) {
      table_[p].w = w;
      return;
    }
  }
}

const PeopleTagger::Slot* PeopleTagger::find(std::uint64_t key) const {
  if (table_.empty()) return nullptr;
  std::size_t mask = table_.size() - 1;
  for (std::size_t p = key & mask;; p = (p + 1) & mask) {
    if (table_[p].key == key) return &table_[p];
    if (table_[p].key == 0) return nullptr;
  }
}

PeopleTagger PeopleTagger::from_text(std::string_view text) {
  PeopleTagger m;
  std::size_t pos = 0;
  std::string line;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    line.assign(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (line.empty() || line[0] == '#') continue;
    std::uint64_t key = 0;
    std::array<float, 3> w{};
    if (std::sscanf(line.c_str(), "%" SCNx64 " %f %f %f", &key, &w[0], &w[1], &w[2]) == 4 && key)
      m.insert(key, w);
  }
  return m;
}

const PeopleTagger& PeopleTagger::builtin() {
  static const PeopleTagger model = [] {
    auto text = embedded_file("people_model.txt");
    return text ? from_text(*text) : PeopleTagger{};
  }();
  return model;
}

void PeopleTagger::tag(const std::vector<NameToken>& tk, std::size_t lo, std::size_t hi,
                       const NameDocContext& doc, std::vector<std::uint8_t>& labels) const {
  labels.resize(tk.size());
  std::vector<std::uint64_t> feats;
  int prev = kOut;
  for (std::size_t i = lo; i < hi; ++i) {
    labels[i] = kOut;
    if (is_name_candidate(tk[i]) && !table_.empty()) {
      name_features(tk, lo, hi, i, prev, doc, feats);
      std::array<float, 3> score{};
      for (std::uint64_t f : feats)
        if (const Slot* s = find(f))
          for (int k = 0; k < 3; ++k) score[k] += s->w[k];
      bool prev_cand = i > lo && is_name_candidate(tk[i - 1]);
      int best = kOut;
      for (int k = 1; k < 3; ++k)
        if (allowed(k, prev, prev_cand) && score[k] > score[best]) best = k;
      labels[i] = static_cast<std::uint8_t>(best);
    }
    prev = labels[i];
  }
}

std::string PeopleTagger::train(const std::vector<Document>& docs, int epochs, float prune) {
  struct Acc {
    std::array<double, 3> w{};
    std::array<double, 3> u{};  // sum of step * update, for averaging
  };
  std::unordered_map<std::uint64_t, Acc> weights;
  double step = 1;
  std::vector<std::uint64_t> feats;
  for (int epoch = 0; epoch < epochs; ++epoch) {
    std::size_t errors = 0, seen = 0;
    for (const Document& d : docs) {
      NameDocContext ctx;
      for (const Sentence& s : d.sentences) ctx.add_candidates(s.tokens);
      for (const Sentence& s : d.sentences) ctx.add_lower(s.tokens);
      for (const Sentence& s : d.sentences) {
        int prev = kOut;
        for (std::size_t i = 0; i < s.tokens.size(); ++i) {
          int gold = s.gold[i];
          if (!is_name_candidate(s.tokens[i])) {
            prev = kOut;
            continue;
          }
          name_features(s.tokens, 0, s.tokens.size(), i, prev, ctx, feats);
          std::array<double, 3> score{};
          for (std::uint64_t f : feats) {
            auto it = weights.find(f);
            if (it != weights.end())
              for (int k = 0; k < 3; ++k) score[k] += it->second.w[k];
          }
          bool prev_cand = i > 0 && is_name_candidate(s.tokens[i - 1]);
          int best = kOut;
          for (int k = 1; k < 3; ++k)
            if (allowed(k, prev, prev_cand) && score[k] > score[best]) best = k;
          // after a predicted O the gold continuation can only start a name
          if (gold == kInside && !allowed(kInside, prev, prev_cand)) gold = kBegin;
          ++seen;
          if (best != gold) {
            ++errors;
            for (std::uint64_t f : feats) {
              Acc& a = weights[f];
              a.w[gold] += 1;
              a.u[gold] += step;
              a.w[best] -= 1;
              a.u[best] -= step;
            }
          }
          step += 1;
          // the next token sees the predicted label, as when tagging
          prev = best;
        }
      }
    }
    std::fprintf(stderr, "epoch %d: %zu errors in %zu candidates\n", epoch + 1, errors, seen);
  }
  std::vector<std::pair<std::uint64_t, std::array<float, 3>>> kept;
  for (const auto& [key, a] : weights) {
    std::array<float, 3> avg{};
    float top = 0;
    for (int k = 0; k < 3; ++k) {
      avg[k] = static_cast<float>(a.w[k] - a.u[k] / step);
      top = std::max(top, std::abs(avg[k]));
    }
    if (top >= prune) kept.emplace_back(key, avg);
  }
  std::sort(kept.begin(), kept.end());
  std::string out = "# newsearch people tagger: averaged perceptron weights (O B I) per hashed feature\n";
  char buf[96];
  for (const auto& [key, w] : kept) {
    std::snprintf(buf, sizeof buf, "%016" PRIx64 " %.3g %.3g %.3g\n", key, w[0], w[1], w[2]);
    out += buf;
  }
  return out;
}

}  // namespace newsearch
