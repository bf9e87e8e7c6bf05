// people-train TRAIN_FILE [EPOCHS] > data/people_model.txt: trains the person-name tagger
// on CoNLL-2003 formatted data (token POS chunk NER, IOB1, -DOCSTART- between documents).
// Train on eng.train only, never on the dev split.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "common/people_tagger.hpp"
#include "common/people_tokens.hpp"

using newsearch::PeopleTagger;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: people-train eng.train [EPOCHS] [PRUNE] > people_model.txt\n";
    return 2;
  }
  int epochs = argc > 2 ? std::stoi(argv[2]) : 10;
  float prune = argc > 3 ? std::stof(argv[3]) : 0.5f;
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "people-train: cannot read " << argv[1] << "\n";
    return 1;
  }
  std::vector<PeopleTagger::Document> docs;
  PeopleTagger::Sentence sent;
  bool prev_per = false;
  bool at_start = true;
  auto end_sentence = [&] {
    if (sent.tokens.empty()) return;
    // all-capital headlines name nobody new at extraction time, so they teach nothing
    bool lower = false;
    for (const auto& t : sent.tokens)
      for (char c : t.ascii) lower = lower || (c >= 'a' && c <= 'z');
    if (lower) {
      if (docs.empty()) docs.emplace_back();
      docs.back().sentences.push_back(std::move(sent));
    }
    sent = {};
    prev_per = false;
    at_start = true;
  };
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("-DOCSTART-", 0) == 0) {
      end_sentence();
      docs.emplace_back();
      continue;
    }
    if (line.empty()) {
      end_sentence();
      continue;
    }
    std::istringstream fields(line);
    std::string tok, pos, chunk, ner;
    fields >> tok >> pos >> chunk >> ner;
    newsearch::NameToken t = newsearch::make_name_token(tok);
    // as tokenize_names: the first word, and the first after . ! ? : (quotes pass through)
    t.sentence_start = at_start && t.word;
    if (t.word) at_start = false;
    else if (t.ascii == "." || t.ascii == "!" || t.ascii == "?" || t.ascii == ":") at_start = true;
    bool per = ner.size() > 2 && ner.substr(2) == "PER";
    std::uint8_t label = newsearch::kOut;
    if (per && newsearch::is_name_candidate(t))
      label = (prev_per && ner[0] == 'I') ? newsearch::kInside : newsearch::kBegin;
    prev_per = label != newsearch::kOut;
    sent.tokens.push_back(std::move(t));
    sent.gold.push_back(label);
  }
  end_sentence();
  std::cerr << "people-train: " << docs.size() << " documents\n";
  std::cout << PeopleTagger::train(docs, epochs, prune);
  return 0;
}
