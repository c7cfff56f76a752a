#include "core/json_location.hpp"

#include <cctype>
#include <vector>

namespace pinsmock {
namespace {

struct Scanner {
  std::string_view text;
  std::size_t at = 0;

  void space() {
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at])))
      ++at;
  }
  bool peek(char c) {
    space();
    return at < text.size() && text[at] == c;
  }
  // A string's decoded value (escapes other than \" and \\ kept as written: keys rarely use them).
  std::string string() {
    std::string out;
    ++at; // opening quote
    while (at < text.size() && text[at] != '"') {
      if (text[at] == '\\' && at + 1 < text.size())
        ++at;
      out += text[at++];
    }
    ++at; // closing quote
    return out;
  }
  void skip_value() {
    space();
    if (at >= text.size())
      return;
    const char c = text[at];
    if (c == '"') {
      string();
    } else if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      ++at;
      while (!peek(close) && at < text.size()) {
        if (c == '{') {
          space();
          string();
          peek(':');
          ++at;
        }
        skip_value();
        if (peek(','))
          ++at;
        else
          break;
      }
      if (peek(close))
        ++at;
    } else {
      while (at < text.size() && text[at] != ',' && text[at] != '}' && text[at] != ']' &&
             !std::isspace(static_cast<unsigned char>(text[at])))
        ++at;
    }
  }
  // Moves to the start of member or item `token` of the value at `at`; false when absent.
  bool enter(const std::string &token) {
    space();
    if (at >= text.size())
      return false;
    if (text[at] == '{') {
      ++at;
      while (peek('"')) {
        const std::string key = string();
        if (!peek(':'))
          return false;
        ++at;
        space();
        if (key == token)
          return true;
        skip_value();
        if (!peek(','))
          return false;
        ++at;
      }
      return false;
    }
    if (text[at] == '[') {
      if (token.empty() || token.find_first_not_of("0123456789") != std::string::npos)
        return false;
      std::size_t index = std::stoul(token);
      ++at;
      space();
      for (; index > 0; --index) {
        skip_value();
        if (!peek(','))
          return false;
        ++at;
      }
      space();
      return !peek(']');
    }
    return false;
  }
};

std::vector<std::string> tokens_of(std::string_view pointer) {
  std::vector<std::string> tokens;
  std::size_t at = 0;
  while (at < pointer.size() && pointer[at] == '/') {
    std::size_t end = pointer.find('/', at + 1);
    if (end == std::string_view::npos)
      end = pointer.size();
    std::string token(pointer.substr(at + 1, end - at - 1));
    for (std::size_t i; (i = token.find("~1")) != std::string::npos;)
      token.replace(i, 2, "/");
    for (std::size_t i; (i = token.find("~0")) != std::string::npos;)
      token.replace(i, 2, "~");
    tokens.push_back(std::move(token));
    at = end;
  }
  return tokens;
}

} // namespace

TextPosition line_column(std::string_view text, std::size_t offset) {
  TextPosition position;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++position.line;
      position.column = 1;
    } else {
      ++position.column;
    }
  }
  return position;
}

std::size_t offset_of_pointer(std::string_view text, std::string_view pointer) {
  Scanner scanner{text};
  scanner.space();
  std::size_t found = scanner.at;
  for (const std::string &token : tokens_of(pointer)) {
    Scanner probe = scanner;
    if (!probe.enter(token))
      break;
    scanner = probe;
    found = scanner.at;
  }
  return found;
}

std::string located(const std::string &described, TextPosition position) {
  const std::string where =
      ":" + std::to_string(position.line) + ":" + std::to_string(position.column);
  const std::size_t suffix = described.rfind(" (");
  if (suffix != std::string::npos && !described.empty() && described.back() == ')')
    return described.substr(0, suffix) + where + described.substr(suffix);
  return described + where;
}

} // namespace pinsmock
