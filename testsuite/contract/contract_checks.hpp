#pragma once
// Small helpers shared by the contract tests. Assertions stay in the tests (Catch2 drops INFO
// inside helpers), these only fetch and compute.

#include "outcomes.hpp"
#include "scoped_pin.hpp"
#include "target.hpp"

#include <memory>

#include <string>
#include <vector>

namespace pinsmock::test {

/// Every pin id of the operation user, walking bookmarks with this page size (bounded).
struct Walk {
  std::vector<std::string> ids;
  std::vector<ApiResult> pages;
  bool ended_with_null = false;
  std::string problem; // a page that failed or did not conform
};
Walk walk_pins(PinsClient& client, int page_size, int max_pages = 400);

/// Today's UTC date shifted by `days` ("YYYY-MM-DD").
std::string utc_date(int days_from_today);

/// The id of some pin the token can read (the first listed), or "" when the list is empty.
std::string any_listed_pin(PinsClient& client);

/// A pin for a read test: the first listed or, when the account lists none and writes are
/// allowed, one created for the test (`created`, deleted at scope exit; the test asserts it
/// was created). `id` is "" when neither worked; `why_not` then says why (for not_checked).
struct PinToRead {
  std::string id;
  std::unique_ptr<ScopedPin> created;
  std::string why_not;
};
PinToRead pin_to_read(PinsClient& client);

} // namespace pinsmock::test
