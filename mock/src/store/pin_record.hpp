#pragma once
// A stored pin: the keys the mock reasons about, typed, next to the Pin JSON that is served.
// Only api/pin_json.cpp shapes `pin`; everything else reads the typed keys.

#include "pinsmock/json.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace pinsmock {

struct PinRecord {
  std::string id;
  std::string owner; // username of the operation user who created (or saved) it
  std::string board_id;
  std::optional<std::string> board_section_id;
  std::uint64_t sequence = 0; // creation order: higher is newer; set by the store on insert
  json::Document pin;         // the Pin object as its owner sees it

  PinRecord() = default;
  PinRecord(PinRecord&&) noexcept = default;
  PinRecord& operator=(PinRecord&&) noexcept = default;
  /// Deep copy (the store hands out copies, never references into its map).
  PinRecord(const PinRecord& other)
      : id(other.id), owner(other.owner), board_id(other.board_id),
        board_section_id(other.board_section_id), sequence(other.sequence) {
    pin.CopyFrom(other.pin, pin.GetAllocator());
  }
  PinRecord& operator=(const PinRecord& other) {
    if (this != &other)
      *this = PinRecord(other);
    return *this;
  }
};

} // namespace pinsmock
