#pragma once
// Where in a JSON file something is, for error messages an editor can jump to
// ("fixtures/default/pins.json:41:17: /pins/3/pin/title: ..."). RapidJSON keeps no positions, so
// this rescans the text; it only runs when a message is being built.

#include <cstddef>
#include <string>
#include <string_view>

namespace pinsmock {

struct TextPosition {
  std::size_t line = 1;   // 1-based
  std::size_t column = 1; // 1-based, in bytes
};

/// The line and column of a byte offset.
TextPosition line_column(std::string_view text, std::size_t offset);

/// The offset where the value at `pointer` starts in the JSON `text`; when the pointer goes
/// further than the text (a missing member), the start of the deepest value that exists.
std::size_t offset_of_pointer(std::string_view text, std::string_view pointer);

/// "file:line:column", keeping a trailing " (built in)" of `described` at the end.
std::string located(const std::string &described, TextPosition position);

} // namespace pinsmock
