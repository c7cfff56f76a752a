#pragma once
// Files of a recording are replaced whole: a reader (or a crash) sees the old file or the new
// one, never half of either.

#include <string>
#include <string_view>

namespace pinsmock {

/// Writes `text` to a temporary file next to `path`, then renames it over `path` (atomic on one
/// file system). Throws std::runtime_error naming the path and errno's text on failure; the
/// temporary file is removed then.
void write_file_atomically(const std::string& path, std::string_view text);

} // namespace pinsmock
