#pragma once
// The only place a Pin object is shaped: creation from PinCreate, a save's copy, a PinUpdate
// merge, and the projection a particular viewer is served. A shaped Pin is rendered to bytes
// and checked once, when it is written (record_pin); reads splice stored bytes (write_pin).

#include "api/services.hpp"
#include "core/api_types.hpp"
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

/// Renders a shaped Pin into `record` (bytes and typed facts) and checks it against the Pin
/// contract with `check` (when set), keeping the first violation in record.violation.
/// `derived_from` is the stored Pin it was made from (an update, a save), given only when that
/// Pin conformed when it was written: where the contract checks members alone, only `id` and
/// the members that differ from it are checked (see pin_json.cpp).
void record_pin(PinRecord& record, const json::Value& pin, const PinCheck& check,
                const json::Value* derived_from = nullptr);

/// The stored Pin as a document again (a save copies it, an update merges into it).
json::Document pin_document(const PinRecord& record);

/// Writes the Pin as `viewer` sees it: is_owner for them, and `pin_metrics` (compact JSON of
/// the object) when given, else null.
void write_pin(json::Writer& out, const PinRecord& pin, const std::string& viewer,
               const std::string* pin_metrics);

/// The same as a single-pin response body.
RenderedBody render_pin(const PinRecord& pin, const std::string& viewer,
                        const std::string* pin_metrics = nullptr);

} // namespace pinsmock
