#pragma once

#include "store/pin_record.hpp"

#include <functional>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

namespace pinsmock {

/// One page of an owner's pins, newest first, and the cursor of the next page (none at the end).
struct PinPage {
  std::vector<PinRecord> items;
  std::optional<std::uint64_t> next_cursor;
};

/// The in-memory pin store. Thread-safe: every method takes the lock for its own duration only
/// and returns deep copies, so no lock is held while a caller renders JSON.
class PinStore {
public:
  /// Replaces the whole content (fixture seeding and reset); sequences follow the given order.
  void reset(std::vector<PinRecord> pins);

  /// Adds a new pin and assigns its sequence. Returns false when the id already exists.
  bool insert(PinRecord pin);

  /// A copy of the pin, if it exists.
  std::optional<PinRecord> find(const std::string& id) const;

  /// Replaces an existing pin (keeping its sequence). Returns false when it no longer exists, so
  /// an update racing a delete cannot bring the pin back.
  bool replace(PinRecord pin);

  /// Removes a pin. Returns false when it did not exist.
  bool erase(const std::string& id);

  /// Up to `limit` of `owner`'s pins that satisfy `keep`, newest first, strictly older than
  /// `before` when given. Cursors are sequences, so pins created or deleted between two pages
  /// never cause duplicates or skipped survivors. `keep` runs under the lock: keep it cheap.
  PinPage list_page(const std::string& owner, const std::function<bool(const PinRecord&)>& keep,
                    std::optional<std::uint64_t> before, std::size_t limit) const;

  std::size_t size() const;

private:
  mutable std::shared_mutex mutex_;
  std::map<std::string, PinRecord> pins_;
  // owner -> sequence -> id; iterated newest first.
  std::map<std::string, std::map<std::uint64_t, std::string, std::greater<>>> by_owner_;
  std::uint64_t next_sequence_ = 1;
};

} // namespace pinsmock
