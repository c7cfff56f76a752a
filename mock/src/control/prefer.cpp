#include "control/prefer.hpp"

#include <algorithm>
#include <cctype>

namespace pinsmock {
namespace {

constexpr std::int64_t kDefaultSlowBodyMs = 1000;

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<std::int64_t> whole_number(std::string_view text, std::size_t max_digits) {
  if (text.empty() || text.size() > max_digits ||
      text.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  std::int64_t value = 0;
  for (char c : text)
    value = value * 10 + (c - '0');
  return value;
}

ApiError prefer_error(std::string what) {
  return ApiError{ErrorId::InvalidParameters, "Invalid Prefer header: " + std::move(what),
                  "Prefer"};
}

std::string allowed_statuses(const std::vector<std::string>& declared) {
  std::vector<std::string> numbers;
  bool has_default = false;
  for (const std::string& status : declared) {
    if (status == "default")
      has_default = true;
    else
      numbers.push_back(status);
  }
  std::sort(numbers.begin(), numbers.end());
  std::string out;
  for (const std::string& n : numbers)
    out += (out.empty() ? "" : ", ") + n;
  out += (out.empty() ? "" : ", ") + std::string("2xx");
  if (has_default)
    out += ", and any other 4xx or 5xx (the contract's 'default')";
  return out;
}

bool declares(const std::vector<std::string>& declared, int status) {
  const std::string text = std::to_string(status);
  return std::find(declared.begin(), declared.end(), text) != declared.end();
}

} // namespace

std::optional<FaultAction> PreferRequest::action() const {
  if (!forced_status && !delay_ms && fault == FaultKind::None)
    return std::nullopt;
  FaultAction action;
  action.status = forced_status;
  action.fault = fault;
  if (fault == FaultKind::SlowBody) {
    action.delay.kind = DelaySpec::Kind::Fixed;
    action.delay.fixed_ms = delay_ms.value_or(kDefaultSlowBodyMs);
  } else if (delay_ms) {
    action.delay.kind = DelaySpec::Kind::Fixed;
    action.delay.fixed_ms = *delay_ms;
  }
  return action;
}

Result<PreferRequest> parse_prefer(std::string_view header, std::string_view operation_id,
                                   const std::vector<std::string>& declared,
                                   std::int64_t max_delay_ms) {
  PreferRequest out;
  auto note = [&](const std::string& token) { out.text += (out.text.empty() ? "" : ", ") + token; };
  while (!header.empty()) {
    const std::size_t cut = header.find_first_of(",;");
    const std::string_view item = trim(header.substr(0, cut));
    header = cut == std::string_view::npos ? std::string_view() : header.substr(cut + 1);
    const std::size_t eq = item.find('=');
    if (item.empty() || eq == std::string_view::npos)
      continue; // a preference without a value is not one of ours (e.g. respond-async)
    const std::string name = lower(trim(item.substr(0, eq)));
    std::string_view value = trim(item.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    if (name == "code") {
      if (lower(value) == "2xx") {
        note("code=2xx");
        continue;
      }
      const auto status = whole_number(value, 3);
      const bool error = status && *status >= 400 && *status <= 599;
      const bool has_default =
          std::find(declared.begin(), declared.end(), "default") != declared.end();
      if (!status || !(error ? (declares(declared, static_cast<int>(*status)) || has_default)
                             : (*status >= 200 && *status <= 299 &&
                                declares(declared, static_cast<int>(*status)))))
        return prefer_error("code=" + std::string(value) + " is not a status " +
                            std::string(operation_id) +
                            " declares (allowed: " + allowed_statuses(declared) + ").");
      (error ? out.forced_status : out.success_status) = static_cast<int>(*status);
      note("code=" + std::to_string(*status));
    } else if (name == "delay") {
      const auto ms = whole_number(value, 12);
      if (!ms)
        return prefer_error("delay=" + std::string(value) +
                            " is not a whole number of milliseconds.");
      out.delay_ms = std::min(*ms, max_delay_ms);
      note("delay=" + std::to_string(*out.delay_ms));
    } else if (name == "fault") {
      const auto kind = parse_fault_kind(value);
      if (!kind)
        return prefer_error("fault=" + std::string(value) + " is not a fault (one of " +
                            fault_kind_names() + ").");
      out.fault = *kind;
      note("fault=" + std::string(value));
    }
  }
  return out;
}

} // namespace pinsmock
