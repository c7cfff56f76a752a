#pragma once
// Files the mock writes for the user (the --state file, a recording's fixture files) are
// replaced whole: a reader, a crash or kill -9 sees the old file or the new one, never half.

#include <optional>
#include <string>
#include <string_view>

namespace pinsmock {

/// Replaces `path` with `bytes`: a temporary file in the same directory (so the rename is
/// atomic), write, fsync, rename, fsync of the directory (so a power loss cannot undo the
/// rename). The reason when it fails; the old file then stays as it was and the temporary
/// file is removed.
std::optional<std::string> replace_file_durably(const std::string& path, std::string_view bytes);

/// Removes the temporary files next to `path` that replace_file_durably calls of processes
/// that no longer exist left behind (they were killed mid-write).
void remove_stale_temporaries(const std::string& path);

} // namespace pinsmock
