#include "contract_checks.hpp"

#include "support/conforms_to.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace pinsmock::test {

Walk walk_pins(PinsClient& client, int page_size, int max_pages) {
  Walk walk;
  std::string bookmark;
  for (int page = 0; page < max_pages; ++page) {
    Query query{{"page_size", std::to_string(page_size)}};
    if (!bookmark.empty())
      query.emplace_back("bookmark", bookmark);
    ApiResult result = client.pins_list(query);
    if (result.status != 200 || !response_violations("pins/list", result).empty()) {
      walk.problem = "page " + std::to_string(page) + " failed";
      walk.pages.push_back(std::move(result));
      return walk;
    }
    for (const auto& item : result.json["items"].GetArray())
      walk.ids.emplace_back(json::get_string(item, "id").value_or(""));
    const json::Value* next = json::find(result.json, "bookmark");
    const bool done = !next || next->IsNull() || (next->IsString() && next->GetStringLength() == 0);
    if (!done)
      bookmark = next->GetString();
    walk.pages.push_back(std::move(result));
    if (done) {
      walk.ended_with_null = true;
      return walk;
    }
  }
  walk.problem = "more than " + std::to_string(max_pages) + " pages";
  return walk;
}

std::string utc_date(int days_from_today) {
  const auto now = std::chrono::system_clock::now() + std::chrono::hours(24) * days_from_today;
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string any_listed_pin(PinsClient& client) {
  ApiResult result = client.pins_list({{"page_size", "1"}});
  if (result.status != 200 || !result.json.IsObject())
    return "";
  const json::Value* items = json::find(result.json, "items");
  if (!items || !items->IsArray() || items->Empty())
    return "";
  return std::string(json::get_string((*items)[0], "id").value_or(""));
}

PinToRead pin_to_read(PinsClient& client) {
  PinToRead pin;
  pin.id = any_listed_pin(client);
  if (!pin.id.empty())
    return pin;
  if (!target().writes_allowed()) {
    pin.why_not = "the account lists no pins to read, and writes are not allowed to create one "
                  "(--allow-writes)";
    return pin;
  }
  pin.created = std::make_unique<ScopedPin>();
  pin.id = pin.created->id();
  if (pin.id.empty())
    pin.why_not = "the account lists no pins to read, and creating one failed";
  return pin;
}

} // namespace pinsmock::test
