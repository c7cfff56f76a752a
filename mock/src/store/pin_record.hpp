#pragma once
// A stored pin (DESIGN B13 "Bytes at rest"): the keys the mock reasons about, typed, next to the
// Pin JSON that is served, rendered once when the pin is written and never per read. Only
// api/pin_json.cpp shapes a Pin; this unit serializes the shaped Pin and marks the two places
// a viewer changes (is_owner, pin_metrics), so an answer splices them in as fragments.

#include "pinsmock/json.hpp"
#include "store/id_source.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace pinsmock {

struct PinRecord {
  std::string id;
  std::string owner; // username of the operation user who created (or saved) it
  std::string board_id;
  std::optional<std::string> board_section_id;
  std::uint64_t sequence = 0; // creation order: higher is newer; set by the store on insert

  // Facts of the Pin that filters and analytics use, taken from it when it is rendered.
  std::string creative_type;
  Date created;                   // the date part of created_at (1970-01-01 when it has none)
  bool is_repin = false;          // parent_pin_id is a string
  bool has_been_promoted = false;
  bool video = false;             // media_type video, multiple_videos or multiple_mixed

  /// The Pin as its owner sees it, compact: is_owner true, pin_metrics null.
  std::string json;
  std::uint32_t is_owner_at = 0;    // offset of the 4 bytes `true` of is_owner
  std::uint32_t pin_metrics_at = 0; // offset of the 4 bytes `null` of pin_metrics
  /// Empty when the Pin was checked against its contract when rendered and conforms (or no
  /// check runs); otherwise the first violation, reported with every answer that carries it.
  std::string violation;

  /// Serializes `pin` into `json` (with is_owner true and pin_metrics null, added at the end
  /// when absent) and takes the typed facts from it. id, owner and board keys are the caller's.
  void render(const json::Value& pin);

  /// Writes the Pin as `viewer` sees it: is_owner for them and `pin_metrics` (compact JSON of
  /// an object) when given, else null. Splices fragments; never re-serializes.
  void write_for(json::Writer& out, bool viewer_is_owner,
                 std::optional<std::string_view> pin_metrics) const;
};

/// Stored pins are immutable and shared: the store hands out references, so a reader holds no
/// lock while it writes bytes out and an update swaps in a new record.
using PinPtr = std::shared_ptr<const PinRecord>;

} // namespace pinsmock
