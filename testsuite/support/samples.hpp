#pragma once
// Request bodies from fixtures/requests/ (the same files the fixture conformance test checks).

#include <string>

namespace pinsmock::test {

/// fixtures/requests/<name>.json as text, e.g. sample("pins.create.image_url").
std::string sample(const std::string& name);

/// The same sample with `title` made unique (tests against a shared account).
std::string sample_with_title(const std::string& name, const std::string& title);

/// The directory holding fixtures/ and contracts/ (the source tree).
std::string source_dir();

} // namespace pinsmock::test
