#include "pinsmock/file_source.hpp"

#include "core/embedded_files.hpp"

#include <fstream>
#include <sstream>

namespace pinsmock {

FileSource FileSource::embedded(std::string embedded_prefix) {
  return FileSource("", std::move(embedded_prefix));
}

FileSource FileSource::directory(std::string dir) {
  if (dir.empty())
    dir = ".";
  return FileSource(std::move(dir), "");
}

FileSource FileSource::in_memory(std::map<std::string, std::string> files, std::string label) {
  FileSource source("", std::move(label));
  source.files_ = std::make_shared<const std::map<std::string, std::string>>(std::move(files));
  return source;
}

std::optional<std::string> FileSource::read(std::string_view relative_path) const {
  if (files_) {
    auto it = files_->find(std::string(relative_path));
    if (it == files_->end())
      return std::nullopt;
    return it->second;
  }
  if (is_embedded()) {
    const std::string key = prefix_ + std::string(relative_path);
    for (const EmbeddedFile& file : embedded_files())
      if (file.path == key)
        return std::string(file.contents);
    return std::nullopt;
  }
  std::ifstream in(dir_ + "/" + std::string(relative_path), std::ios::binary);
  if (!in)
    return std::nullopt;
  // One read into a string of the file's size: a stringstream grows and copies (a 100,000-pin
  // pins.json is 130 MB). Sizes the stream cannot tell (a pipe) fall back to the stream copy.
  std::string text;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size > 0 && in) {
    text.resize(static_cast<std::size_t>(size));
    if (in.read(text.data(), size) && in.gcount() == size && in.peek() == EOF)
      return text;
    in.clear();
    in.seekg(0, std::ios::beg);
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string FileSource::describe(std::string_view relative_path) const {
  if (files_)
    return prefix_ + "/" + std::string(relative_path);
  if (is_embedded())
    return prefix_ + std::string(relative_path) + " (built in)";
  return dir_ + "/" + std::string(relative_path);
}

} // namespace pinsmock
