#include "searcher/query_frontend.hpp"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "common/utf8.hpp"
#include "searcher/synonyms.hpp"

namespace newsearch {

namespace {

constexpr int kMaxDepth = 16;

bool is_operator(const std::string& w) {
  return w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w == "NEAR" || w == "ADJ" ||
         w.starts_with("NEAR/") || w.starts_with("ADJ/");
}

std::string lower_ascii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Xapian's lexer takes an operator word glued to a joiner for the operator: "ADJ-2" is ADJ
// then "-2", "AND." is AND. A user who glued them meant a word: lower-cased, it is read as one
// ("adj-2"). (Read as operators, these made Xapian's grammar fail and leak a Term.)
void unglue_operator_word(std::string& t) {
  if (is_operator(t)) return;
  std::size_t p = 0;
  while (p < t.size() && (t[p] == '(' || t[p] == '+' || t[p] == '-')) ++p;
  std::size_t e = p;
  while (e < t.size() && t[e] >= 'A' && t[e] <= 'Z') ++e;
  if (e == t.size() || std::isalnum(static_cast<unsigned char>(t[e])) || static_cast<unsigned char>(t[e]) >= 0x80) return;
  if (!is_operator(t.substr(p, e - p))) return;
  for (std::size_t i = p; i < e; ++i) t[i] = static_cast<char>(t[i] - 'A' + 'a');
}

// Typographic quotes become ASCII ones; control characters become spaces.
std::string normalise_characters(const std::string& in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size();) {
    const std::size_t start = i;
    const char32_t c = next_code_point(in, i);
    if (c == 0x201C || c == 0x201D || c == 0x201E || c == 0xAB || c == 0xBB)
      out += '"';
    else if (c < 0x20 || c == 0x7F)
      out += ' ';
    else
      out.append(in, start, i - start);
  }
  return out;
}

// Drops the last quote when quotes are unbalanced.
std::string balance_quotes(std::string q, std::vector<std::string>& notices) {
  if (std::count(q.begin(), q.end(), '"') % 2 == 1) {
    q.erase(q.rfind('"'), 1);
    notices.push_back("unbalanced quote (\") dropped");
  }
  return q;
}

// Removes unmatched ')' and closes unclosed '(' (outside quotes); caps nesting depth.
std::string balance_parentheses(const std::string& q, std::vector<std::string>& notices) {
  std::string out;
  bool in_quote = false;
  int depth = 0, dropped_close = 0, flattened = 0;
  std::vector<bool> kept;  // per open paren: kept or flattened
  for (char c : q) {
    if (c == '"') in_quote = !in_quote;
    if (!in_quote && c == '(') {
      const bool keep = depth < kMaxDepth;
      kept.push_back(keep);
      ++depth;
      if (keep)
        out += c;
      else
        ++flattened, out += ' ';
      continue;
    }
    if (!in_quote && c == ')') {
      if (depth == 0) {
        ++dropped_close;
        out += ' ';
        continue;
      }
      --depth;
      out += kept.back() ? ')' : ' ';
      kept.pop_back();
      continue;
    }
    out += c;
  }
  int added = 0;
  while (depth > 0) {
    if (kept.back()) out += ')', ++added;
    kept.pop_back();
    --depth;
  }
  if (dropped_close) notices.push_back("unmatched ')' dropped");
  if (added) notices.push_back("missing ')' added at the end");
  if (flattened) notices.push_back("parentheses nested deeper than " + std::to_string(kMaxDepth) + " ignored");
  return out;
}

struct Token {
  std::string text;
  bool quoted = false;  // a "phrase" (text includes the quotes)
};

// Splits on white space outside quotes; a quoted run stays one token with what precedes it
// (field:"a b", ="a b").
std::vector<Token> tokenize(const std::string& q) {
  std::vector<Token> out;
  std::string cur;
  bool in_quote = false, quoted = false;
  for (char c : q) {
    if (c == '"') {
      in_quote = !in_quote;
      quoted = true;
      cur += c;
      continue;
    }
    if (!in_quote && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      if (!cur.empty()) out.push_back({cur, quoted});
      cur.clear();
      quoted = false;
      continue;
    }
    cur += c;
  }
  if (!cur.empty()) out.push_back({cur, quoted});
  return out;
}

bool is_plain_word(const std::string& t) {
  if (t.empty() || is_operator(t)) return false;
  for (char c : t)
    if (c == '(' || c == ')' || c == ':' || c == '"' || c == '*' || c == '=') return false;
  return t.front() != '+' && t.front() != '-';
}

// "u.s." -> "us", "e.u" -> "eu": letters each followed by a dot (the last dot optional) are an
// acronym; anything else is returned as it is.
std::string acronym_letters(const std::string& s) {
  if (s.size() < 3) return s;
  std::string letters;
  for (std::size_t i = 0; i < s.size(); i += 2) {
    if (!std::isalpha(static_cast<unsigned char>(s[i])) || (i + 1 < s.size() && s[i + 1] != '.')) return s;
    letters += s[i];
  }
  return letters;
}

std::string quote_if_needed(const std::string& s) {
  return s.find(' ') == std::string::npos ? s : "\"" + s + "\"";
}

// NEAR/n and ADJ/n as Xapian's lexer reads them: digits after the slash, a non-zero width
// (counted in size_t as Xapian does; NEAR/0 is read as words). They carry the distance.
bool is_width_operator(const std::string& t) {
  const std::size_t slash = t.starts_with("NEAR/") ? 4 : t.starts_with("ADJ/") ? 3 : std::string::npos;
  if (slash == std::string::npos || slash + 1 == t.size()) return false;
  std::size_t width = 0;
  for (std::size_t i = slash + 1; i < t.size(); ++i) {
    if (t[i] < '0' || t[i] > '9') return false;
    width = width * 10 + static_cast<std::size_t>(t[i] - '0');
  }
  return width != 0;
}

std::string operator_family(const std::string& t) { return t.starts_with("NEAR") ? "NEAR" : "ADJ"; }

// A word Xapian's lexer reads as exactly one TERM: word characters only, and nothing from
// U+2E80 up (FLAG_CJK_NGRAM turns CJK into CJKTERM; the range is a superset of Xapian's).
bool is_single_xapian_term(std::string_view w) {
  if (w.empty()) return false;
  for (std::size_t i = 0; i < w.size();) {
    const char32_t c = next_code_point(w, i);
    if (c >= 0x2E80 || !Xapian::Unicode::is_wordchar(static_cast<unsigned>(c))) return false;
  }
  return true;
}

// Whether a token has anything Xapian's lexer makes a term of (a word character).
bool has_xapian_word(std::string_view t) {
  for (std::size_t i = 0; i < t.size();) {
    const char32_t c = next_code_point(t, i);
    if (Xapian::Unicode::is_wordchar(static_cast<unsigned>(c))) return true;
  }
  return false;
}

// Xapian 1.4's grammar refuses a run of only hated items ("-a", "x OR -b", "(-a -b)": "Can't
// just hate", which QueryParser hides by parsing again without operators, so "-a" searched
// FOR a) and frees nothing it holds when it does: the next token leaks (96 bytes, "-a NEAR b c",
// found by fuzz_query). Such a run becomes pure NOT ("NOT a": everything but a, with
// FLAG_PURE_NOT), which is what it asks for. A run ends at AND, OR, XOR, NOT and at its
// brackets; a token counts as positive when it has a word character and is not hated.
void hated_runs_to_not(std::vector<std::string>& out, std::vector<std::string>& notices) {
  struct Hate {
    std::size_t token, pos;  // where the '-' is
  };
  struct Run {
    bool positive = false;
    std::vector<Hate> hates;
  };
  std::vector<Run> runs(1);
  std::vector<Hate> to_not;
  auto end_run = [&](Run& run) {
    if (!run.positive) to_not.insert(to_not.end(), run.hates.begin(), run.hates.end());
    run = Run{};
  };
  auto close = [&] {
    if (runs.size() > 1) {
      end_run(runs.back());
      runs.pop_back();
    }
  };
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::string& t = out[i];
    if (t == "AND" || t == "OR" || t == "XOR" || t == "NOT") {
      end_run(runs.back());
      continue;
    }
    if (is_operator(t)) continue;  // NEAR, ADJ: inside one item
    std::size_t p = 0;
    while (p < t.size() && t[p] == '(') runs.emplace_back(), ++p;
    // Xapian hates after white space or '(' when a word, quote or bracket follows ("--a", "-+a" are not).
    const bool hated = p + 1 < t.size() && t[p] == '-' && t[p + 1] != '-' && t[p + 1] != '+' && t[p + 1] != ')';
    std::size_t hate_depth = 0;
    if (hated) {
      runs.back().hates.push_back({i, p});
      hate_depth = runs.size();
      ++p;
    }
    bool in_quote = false, in_hated = hated;
    for (std::size_t q = p; q < t.size();) {
      const char c = t[q];
      if (c == '"') {
        in_quote = !in_quote, ++q;
      } else if (!in_quote && c == '(') {
        runs.emplace_back(), ++q;
      } else if (!in_quote && c == ')') {
        close(), ++q;
        if (runs.size() <= hate_depth) in_hated = false;  // "-(a)b": b is no longer hated
      } else {
        const std::size_t start = q;
        const char32_t cp = next_code_point(t, q);
        if (q == start) ++q;
        if (Xapian::Unicode::is_wordchar(static_cast<unsigned>(cp)) && !(in_hated && runs.size() == hate_depth))
          runs.back().positive = true;
      }
    }
  }
  while (runs.size() > 1) close();
  end_run(runs.back());
  if (to_not.empty()) return;
  // Rewrite from the back so the earlier positions stay valid: "-x" -> "NOT" "x", "(-x" -> "(" "NOT" "x".
  std::sort(to_not.begin(), to_not.end(), [](const Hate& a, const Hate& b) { return a.token > b.token; });
  for (const auto& h : to_not) {
    const std::string t = out[h.token];
    std::vector<std::string> parts;
    if (h.pos > 0) parts.push_back(t.substr(0, h.pos));
    parts.push_back("NOT");
    parts.push_back(t.substr(h.pos + 1));
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(h.token));
    out.insert(out.begin() + static_cast<std::ptrdiff_t>(h.token), parts.begin(), parts.end());
  }
  notices.push_back("only excluded words ('-word'): searched as NOT");
}

// Whether every token of the final query reads the same to Xapian's lexer as to this front
// end: an operator alone, or brackets and signs "(+-" then a word (Xapian word characters, joined by
// - . / : @ \ ' &, maybe a trailing *), a "quoted phrase" of such words, or field:value, then
// [)...]. Anything else (U+FFFD or punctuation glued to a word, "" or a quote before a
// bracket) may hide or make an operator or a bracket Xapian sees and this front end does not
// ("\uFFFDOR" is OR to Xapian, '(' after '"' is nothing), and then the structure checks above
// prove nothing: such a query goes to Xapian without operators (found by fuzz_query).
bool reads_the_same_to_xapian(const std::string& query) {
  auto word_char = [](char32_t c) { return Xapian::Unicode::is_wordchar(static_cast<unsigned>(c)); };
  // A word: word characters, single joiners between them, an optional trailing '*'.
  auto word = [&](std::string_view w) {
    if (w.ends_with('*')) w.remove_suffix(1);
    for (int k = 0; k < 3 && (w.ends_with('+') || w.ends_with('#')); ++k) w.remove_suffix(1);  // C++, C#
    // The dot of "U.S." or of a word that ends a sentence: Xapian's lexer reads past it.
    if (w.size() >= 2 && w.ends_with('.') && w[w.size() - 2] != '.') w.remove_suffix(1);
    if (w.empty()) return false;
    bool need_word = true;
    for (std::size_t i = 0; i < w.size();) {
      const char32_t c = next_code_point(w, i);
      if (word_char(c)) {
        need_word = false;
      } else if (!need_word && c < 0x80 && std::strchr("-./:@\\'&", static_cast<int>(c))) {
        need_word = true;
      } else {
        return false;
      }
    }
    return !need_word;
  };
  auto phrase = [&](std::string_view q) {  // "words separated by white space"
    if (q.size() < 2 || q.front() != '"' || q.back() != '"') return false;
    q = q.substr(1, q.size() - 2);
    std::size_t start = 0;
    bool any = false;
    for (std::size_t i = 0; i <= q.size(); ++i) {
      if (i == q.size() || q[i] == ' ' || q[i] == '\t') {
        if (i > start) {
          if (!word(q.substr(start, i - start))) return false;
          any = true;
        }
        start = i + 1;
      }
    }
    return any;
  };
  std::vector<Token> tokens = tokenize(query);
  for (const auto& tok : tokens) {
    std::string_view t = tok.text;
    if (is_operator(tok.text)) continue;
    while (!t.empty() && (t.front() == '(' || t.front() == '-' || t.front() == '+')) t.remove_prefix(1);
    while (!t.empty() && t.back() == ')') t.remove_suffix(1);
    if (t.empty()) continue;  // brackets (and signs) alone
    const auto colon = t.find(':');
    if (colon != std::string_view::npos && t.front() != '"') {
      const std::string_view name = t.substr(0, colon), value = t.substr(colon + 1);
      if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        return false;
      bool date_like = !value.empty();
      for (char c : value) date_like = date_like && ((c >= '0' && c <= '9') || c == '-' || c == '.' || c == '/');
      if (!(word(value) || phrase(value) || date_like)) return false;
      continue;
    }
    if (!(word(t) || phrase(t))) return false;
  }
  return true;
}

// Whether Xapian's grammar sees the width operator out[i] right after a TERM that can start
// "TERM NEAR TERM" (so the operator is shifted, never the lookahead of a failing rule).
// Xapian 1.4.22 leaks the distance of a NEAR/n or ADJ/n (a 96-byte Term) that arrives when
// a grammar rule fails: "a XOR ADJ/1 b" with a token Xapian ignores before ADJ/1 (found by
// fuzz_query), "-\"a b\" NEAR/2 c", "-a ADJ/2 b NEAR/3 c", "-中文 NEAR/2 b". Wherever the
// operator does not follow such a TERM the query is a syntax error in Xapian 1.4 anyway
// (also "x y NEAR/2 z": a word after a word is a GROUP_TERM), so the distance is dropped
// and the plain NEAR/ADJ, which carries nothing, goes to the grammar instead.
bool width_operator_follows_term(const std::vector<std::string>& out, std::size_t i) {
  if (i == 0) return false;
  const std::string& left = out[i - 1];
  std::size_t p = 0;  // '(', '+' and '-' before the word end any run of words (no GROUP_TERM)
  while (p < left.size() && (left[p] == '(' || left[p] == '+' || left[p] == '-')) ++p;
  const std::string word = left.substr(p);
  if (is_operator(word) || !is_single_xapian_term(word)) return false;
  if (i < 2) return true;
  const std::string& before = out[i - 2];
  // One kind per chain: "a ADJ b NEAR/2 c" is not in the grammar.
  if ((before.starts_with("NEAR") || before.starts_with("ADJ")) && is_operator(before) &&
      operator_family(before) != operator_family(out[i]))
    return false;
  if (p > 0 || is_operator(before)) return true;
  // A word right after another word is a GROUP_TERM ("x y NEAR/2 z" is not in the grammar);
  // after a bracket or a closing quote it is a TERM again.
  const char last = before.back();
  return last == '(' || last == ')' || last == '"';
}

}  // namespace

FrontendResult rewrite_query(const std::string& input, const std::vector<std::string>& known_fields,
                             const Synonyms* synonyms) {
  FrontendResult r;
  std::string q = input;
  if (q.size() > kMaxFrontendQueryBytes) {
    q.resize(kMaxFrontendQueryBytes);
    r.notices.push_back("query cut to " + std::to_string(kMaxFrontendQueryBytes) + " bytes");
  }
  if (!is_valid_utf8(q)) {
    q = repair_utf8(q);
    r.notices.push_back("invalid UTF-8 in the query replaced");
  }
  q = normalise_characters(q);
  q = balance_quotes(q, r.notices);
  q = balance_parentheses(q, r.notices);

  std::vector<std::string> out;
  auto tokens = tokenize(q);
  for (auto& tok : tokens) {
    std::string t = tok.text;
    // Exact forms: =word, ="a phrase"
    if (t.size() > 1 && t.front() == '=') {
      std::string body = t.substr(1);
      if (body.size() >= 2 && body.front() == '"' && body.back() == '"') {
        body = body.substr(1, body.size() - 2);
        if (!trim(body).empty()) r.exact_phrases.push_back(std::string(trim(body)));
      } else if (!body.empty() && body.find('"') == std::string::npos) {
        r.exact_words.push_back(body);
      }
      r.simple = false;
      continue;
    }
    // field:value
    const auto colon = t.find(':');
    if (colon != std::string::npos && colon > 0 && colon + 1 < t.size() && t.front() != '"') {
      std::string name = t.substr(0, colon);
      std::size_t lead = 0;
      while (lead < name.size() && (name[lead] == '+' || name[lead] == '-' || name[lead] == '(')) ++lead;
      const std::string bare = name.substr(lead);
      const bool letters = !bare.empty() && std::all_of(bare.begin(), bare.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c));
      });
      if (letters) {
        const std::string lowered = lower_ascii(bare);
        if (std::find(known_fields.begin(), known_fields.end(), lowered) != known_fields.end()) {
          t = name.substr(0, lead) + lowered + t.substr(colon);
        } else {
          r.notices.push_back("unknown field '" + bare + ":' searched as words (fields: " + [&] {
            std::string all;
            for (const auto& f : known_fields) all += (all.empty() ? "" : ", ") + f;
            return all;
          }() + ")");
          t[colon] = ' ';
          // the value is a word too, even one that reads as an operator ("foo:OR")
          std::string value = t.substr(colon + 1);
          if (is_operator(value)) value = lower_ascii(value);
          unglue_operator_word(value);
          t = t.substr(0, colon + 1) + value;
        }
      }
      r.simple = false;
      out.push_back(t);
      continue;
    }
    if (!tok.quoted) unglue_operator_word(t);
    if (!is_plain_word(t) || tok.quoted) r.simple = false;
    if (is_plain_word(t) && !tok.quoted) r.plain_words.push_back(t);
    out.push_back(t);
  }

  // Tokens Xapian reads nothing from (no word character, no bracket: "-", "\"\"", "*", U+FFFD)
  // are dropped, so that "nothing to join" below is judged as Xapian's grammar sees it.
  std::erase_if(out, [](const std::string& t) {
    return !is_operator(t) && t.find_first_of("()") == std::string::npos && !has_xapian_word(t);
  });

  // Operators with nothing to join ("war AND", "OR peace", "a AND OR b") are dropped.
  {
    auto binary = [](const std::string& t) { return is_operator(t) && t != "NOT"; };
    std::vector<std::string> kept;
    bool dropped = false;
    for (std::size_t i = 0; i < out.size(); ++i) {
      const bool last = i + 1 == out.size() || out[i + 1] == ")" || out[i + 1].front() == ')';
      if (is_operator(out[i]) && (last || (i + 1 < out.size() && binary(out[i + 1])))) {
        dropped = true;
        continue;
      }
      if (binary(out[i]) && (kept.empty() || kept.back().back() == '(' || is_operator(kept.back()))) {
        dropped = true;
        continue;
      }
      kept.push_back(out[i]);
    }
    if (dropped) r.notices.push_back("operator with nothing to join dropped");
    out = std::move(kept);
  }

  // A NEAR/ADJ chain goes in brackets: Xapian 1.4 takes "a NEAR b" only as a whole term, so a
  // word right before or after it ("x a NEAR b", "-a NEAR b c": a GROUP_TERM) was a syntax error,
  // and one that leaked the word's Term when the run before was only hated (found by fuzz_query).
  for (std::size_t i = 1; i + 1 < out.size(); ++i) {
    auto near_family = [&](std::size_t k) {
      return k < out.size() && is_operator(out[k]) && (out[k].starts_with("NEAR") || out[k].starts_with("ADJ"));
    };
    if (!near_family(i)) continue;
    std::size_t end = i + 1;
    while (near_family(end + 1) && end + 2 < out.size()) end += 2;
    std::string& first = out[i - 1];
    std::size_t sign = 0;
    while (sign < first.size() && (first[sign] == '+' || first[sign] == '-')) ++sign;
    first.insert(sign, "(");
    out[end] += ")";
    i = end;
  }

  hated_runs_to_not(out, r.notices);

  // Synonyms: runs of plain words equal to an entry become (entry OR other OR ...). Not in a
  // query Xapian reads without operators, where each OR would be a word.
  std::string unexpanded;
  for (const auto& t : out) unexpanded += (unexpanded.empty() ? "" : " ") + t;
  if (synonyms && synonyms->size() && reads_the_same_to_xapian(unexpanded)) {
    std::vector<std::string> expanded;
    for (std::size_t i = 0; i < out.size();) {
      bool replaced = false;
      for (std::size_t n = std::min(synonyms->max_words(), out.size() - i); n >= 1 && !replaced; --n) {
        std::string phrase;
        bool plain = true;
        for (std::size_t k = 0; k < n; ++k) {
          plain = plain && is_plain_word(out[i + k]);
          phrase += (k ? " " : "") + out[i + k];
        }
        if (!plain) continue;
        if (const auto* group = synonyms->group_of(phrase)) {
          std::string alt = "(" + quote_if_needed(acronym_letters(phrase));
          std::vector<std::string> seen{acronym_letters(lower_ascii(phrase))};
          for (const auto& e : *group) {
            // "u.s." is written "us", as Xapian indexes "U.S." (it would read a phrase "u s").
            std::string entry = acronym_letters(e);
            if (std::find(seen.begin(), seen.end(), entry) != seen.end()) continue;
            alt += " OR " + quote_if_needed(entry);
            seen.push_back(std::move(entry));
          }
          alt += ")";
          if (!reads_the_same_to_xapian(alt)) continue;  // an entry Xapian would read otherwise
          expanded.push_back(alt);
          i += n;
          replaced = true;
        }
      }
      if (!replaced) expanded.push_back(out[i++]);
    }
    out = std::move(expanded);
  }

  for (std::size_t i = 0; i < out.size(); ++i) {
    if (!is_width_operator(out[i]) || width_operator_follows_term(out, i)) continue;
    r.notices.push_back("distance of " + out[i] + " ignored: it must follow a single word");
    out[i] = operator_family(out[i]);
  }

  for (const auto& t : out) r.query += (r.query.empty() ? "" : " ") + t;

  if (!reads_the_same_to_xapian(r.query)) {
    r.without_operators = true;  // glued operators ("\uFFFDOR") are operators to Xapian too
    if (r.query.find_first_of("+-()") != std::string::npos ||
        std::any_of(out.begin(), out.end(), [](const std::string& t) {
          for (const char* op : {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"})
            if (t.find(op) != std::string::npos) return true;
          return false;
        }))
      r.notices.push_back("stray characters next to operators or brackets: searched without operators");
  }
  return r;
}

}  // namespace newsearch
