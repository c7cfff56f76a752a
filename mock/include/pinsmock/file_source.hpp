#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace pinsmock {

/// Where contracts or fixtures are read from: a directory on disk, or the copies built into the
/// binary under a prefix (e.g. "contracts/"). Thread-safe (immutable).
class FileSource {
public:
  /// Reads from the embedded table, keys being `embedded_prefix` + relative path.
  static FileSource embedded(std::string embedded_prefix);
  /// Reads from files below `dir`.
  static FileSource directory(std::string dir);
  /// Reads from these files (relative path -> contents), described as "`label`/<path>" (an
  /// imported state document).
  static FileSource in_memory(std::map<std::string, std::string> files, std::string label);

  /// The file's contents, or nullopt when it does not exist.
  std::optional<std::string> read(std::string_view relative_path) const;
  /// A human-readable location for messages ("fixtures/default/pins.json (built in)").
  std::string describe(std::string_view relative_path) const;
  bool is_embedded() const { return dir_.empty() && !files_; }
  /// The directory it reads, or empty (embedded or in memory).
  const std::string& dir() const { return dir_; }

private:
  FileSource(std::string dir, std::string prefix) : dir_(std::move(dir)), prefix_(std::move(prefix)) {}
  std::string dir_;
  std::string prefix_; // embedded: the table's key prefix; in memory: the label
  std::shared_ptr<const std::map<std::string, std::string>> files_;
};

} // namespace pinsmock
