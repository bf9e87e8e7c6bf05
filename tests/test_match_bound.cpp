// match_upper_bound against the true match counts of a small database.
#include <catch2/catch.hpp>

#include "searcher/match_bound.hpp"

using namespace newsearch;

TEST_CASE("match upper bound: from term frequencies, never below the true count", "[search]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const char* texts[] = {"oil price", "oil gas", "gas price", "oil", "coffee"};
  for (const char* text : texts) {
    Xapian::Document doc;
    Xapian::TermGenerator g;
    g.set_document(doc);
    g.index_text(text);
    db.add_document(doc);
  }
  auto count = [&](const Xapian::Query& q) {
    Xapian::Enquire e(db);
    e.set_query(q);
    return e.get_mset(0, 10, 10).get_matches_estimated();
  };
  const Xapian::Query oil("oil"), gas("gas"), price("price"), coffee("coffee");
  const Xapian::Query oil_and_price(Xapian::Query::OP_AND, oil, price);
  CHECK(match_upper_bound(oil, db) == 3);
  CHECK(match_upper_bound(oil_and_price, db) == 2);  // min(3, 2); the true count is 1
  CHECK(count(oil_and_price) == 1);
  CHECK(match_upper_bound(Xapian::Query(Xapian::Query::OP_OR, gas, coffee), db) == 3);
  CHECK(match_upper_bound(Xapian::Query(Xapian::Query::OP_OR, oil, gas), db) == 5);  // capped at the doccount
  CHECK(match_upper_bound(Xapian::Query(Xapian::Query::OP_AND_NOT, oil, gas), db) == 3);
  CHECK(match_upper_bound(Xapian::Query(Xapian::Query::OP_AND_MAYBE, coffee, oil), db) == 1);
  CHECK(match_upper_bound(Xapian::Query(Xapian::Query::OP_PHRASE, oil, price), db) == 2);
  CHECK(match_upper_bound(Xapian::Query("nothing"), db) == 0);
  CHECK(match_upper_bound(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, 0, "a", "b"), db) == 5);
  for (const auto& q : {oil, oil_and_price, Xapian::Query(Xapian::Query::OP_OR, gas, coffee)})
    CHECK(match_upper_bound(q, db) >= count(q));
}
