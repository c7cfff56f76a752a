#pragma once

#include "store/pin_record.hpp"

#include <functional>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pinsmock {

/// One page of an owner's pins, newest first, and the cursor of the next page (none at the end).
struct PinPage {
  std::vector<PinPtr> items;
  std::optional<std::uint64_t> next_cursor;
};

/// The in-memory pin store. Thread-safe: every method takes the lock for its own duration only.
/// Stored records are immutable and shared, so what it hands out costs a reference count and
/// no lock is held while a caller writes a pin's bytes out. Lookups cost O(1) and a page
/// O(log n + page): nothing depends on how many pins are stored.
class PinStore {
public:
  /// Replaces the whole content (fixture seeding, reset, import). Records whose sequences
  /// increase keep them (a saved state's bookmarks stay valid); any other gets the next one.
  /// New pins continue after the last, or at `next_sequence` when that is higher. The records
  /// are shared, not copied.
  void reset(const std::vector<PinPtr>& pins, std::uint64_t next_sequence = 0);

  /// Every pin in creation order, and the sequence the next one would get (a state export).
  struct Contents {
    std::vector<PinPtr> pins;
    std::uint64_t next_sequence = 1;
  };
  Contents contents() const;

  /// Called after every change (insert, replace, erase, reset), outside the lock: the state
  /// file's saver listens here. Set it before the store is shared between threads.
  void on_change(std::function<void()> listener) { on_change_ = std::move(listener); }

  /// Adds a new pin and assigns its sequence. Returns the stored pin, or nullptr when the id
  /// already exists.
  PinPtr insert(PinRecord pin);

  /// The pin, if it exists.
  PinPtr find(const std::string& id) const;

  /// Replaces an existing pin (keeping its sequence and owner). Returns false when it no longer
  /// exists, so an update racing a delete cannot bring the pin back.
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
  // Keyed by a view of the record's own id (the record outlives its entry).
  std::unordered_map<std::string_view, PinPtr> pins_;
  // owner -> sequence -> pin; iterated newest first.
  std::map<std::string, std::map<std::uint64_t, PinPtr, std::greater<>>, std::less<>>
      by_owner_;
  std::uint64_t next_sequence_ = 1;
  std::function<void()> on_change_;

  void changed() const {
    if (on_change_)
      on_change_();
  }
};

} // namespace pinsmock
