#pragma once
// Writes the champion lists (common/champion_lists.hpp) of a database about to commit.
#include <xapian.h>

#include <functional>

namespace newsearch {

/// Called right before a run's last commit: where the lists describe the database as it is
/// (same UUID, same revision: nothing written since), they are only stamped for the coming
/// commit; otherwise every frequent term's list is made afresh, reading each frequent
/// term's postings once (30 s at a million articles), after calling before_making (to say
/// so). Returns whether lists were made.
bool refresh_champion_lists(Xapian::WritableDatabase& db, const std::function<void()>& before_making = {});

}  // namespace newsearch
