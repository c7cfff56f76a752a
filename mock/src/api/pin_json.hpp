#pragma once
// The only place a Pin object is shaped: creation from PinCreate, a save's copy, a PinUpdate
// merge, and the projection a particular viewer is served.

#include "fixtures/fixture_set.hpp"
#include "store/pin_record.hpp"

#include <optional>
#include <string>

namespace pinsmock {

/// Where and when a new pin (created or saved) lands.
struct Placement {
  std::string id;
  std::string created_at;
  const Board* board = nullptr;
  std::optional<std::string> section_id;
};

/// A complete Pin from a validated PinCreate body.
json::Document pin_from_create(const json::Value& body, const Placement& placement,
                               const MediaTemplate& media_size);

/// The Pin a save creates: the original's content on a new board, `parent_pin_id` pointing back.
json::Document pin_from_save(const json::Value& original, const std::string& original_id,
                             const Placement& placement);

/// Merges a validated PinUpdate into `pin`: text fields, and board/section when they move
/// (`board` and `section_id` are the resolved destination).
void apply_update(json::Document& pin, const json::Value& update, const Board& board,
                  const std::optional<std::string>& section_id);

/// The Pin as `viewer` sees it: is_owner for them, and `pin_metrics` when given (else null).
json::Value render_pin(const PinRecord& pin, const std::string& viewer,
                       const json::Value* pin_metrics, json::Allocator& alloc);

/// The same, as a document of its own (a single-pin response body).
json::Document render_pin(const PinRecord& pin, const std::string& viewer,
                          const json::Value* pin_metrics);

} // namespace pinsmock
