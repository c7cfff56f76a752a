#include "scoped_pin.hpp"

#include "pinsmock/json.hpp"

#include <atomic>
#include <chrono>

namespace pinsmock::test {

std::string unique_title(const std::string& what) {
  static std::atomic<int> counter{0};
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return "pins-contract " + what + " " +
         std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now).count() %
                        100000000) +
         "-" + std::to_string(counter++);
}

std::string create_body(const std::string& sample_name, const std::string& title,
                        const std::string& board_id) {
  json::Document doc;
  json::parse_into(doc, sample(sample_name));
  auto& a = doc.GetAllocator();
  json::set(doc, "title", json::string(title, a), a);
  json::set(doc, "board_id", json::string(board_id, a), a);
  json::erase(doc, "board_section_id");
  const std::string& image_url = target().image_url();
  if (json::Value* source = json::find(doc, "media_source"); source && !image_url.empty()) {
    if (json::find(*source, "url"))
      json::set(*source, "url", json::string(image_url, a), a);
    if (json::Value* items = json::find(*source, "items"); items && items->IsArray())
      for (auto& item : items->GetArray())
        json::set(item, "url", json::string(image_url, a), a);
  }
  return json::dump(doc);
}

ScopedPin::ScopedPin(const std::string& sample_name, const std::string& board_id)
    : title_(unique_title(sample_name)) {
  Target& t = target();
  PinsClient client = t.client();
  created_ = client.pins_create(
      create_body(sample_name, title_, board_id.empty() ? t.board_id() : board_id));
  id_ = created_.string_member("id");
  if (!id_.empty())
    t.track(id_);
}

ScopedPin::~ScopedPin() {
  if (id_.empty())
    return;
  PinsClient client = target().client();
  const ApiResult r = client.pins_delete(id_);
  if (r.status == 204 || r.status == 404)
    target().untrack(id_);
}

void ScopedPin::release() {
  target().untrack(id_);
  id_.clear();
}

} // namespace pinsmock::test
