#pragma once
// The `media` object of a new pin, built from its `media_source` in the live shape: image sizes
// 150x150, 400x300, 600x and 1200x, the last two keeping the aspect ratio and never larger than
// the original, plus "originals" (API-NOTES.md section 4).

#include "fixtures/fixture_set.hpp"
#include "pinsmock/json.hpp"

#include <string>

namespace pinsmock {

/// `media` for a pin created from `media_source` (already validated against the contract).
json::Value build_media(const json::Value& media_source, const MediaTemplate& size,
                        const std::string& pin_id, json::Allocator& alloc);

/// The creative_type Pinterest gives a pin with this media_type.
std::string_view creative_type_for(std::string_view media_type);

/// A stable 32-hex-digit name for a pin's asset (the URLs' file name).
std::string asset_hash(const std::string& pin_id, int index);

} // namespace pinsmock
