#include "store/pin_record.hpp"

#include <stdexcept>

namespace pinsmock {
namespace {

constexpr std::string_view kIsOwner = "is_owner";
constexpr std::string_view kPinMetrics = "pin_metrics";

// A rapidjson handler over json::Writer that writes a Pin with its two viewer slots fixed to
// `true` and `null` and remembers where they are. Swallows whatever value the Pin had there.
class SlotWriter {
public:
  explicit SlotWriter(std::string& out) : out_(out), writer_(out) {}

  bool Null() { return scalar([&] { return writer_.Null(); }); }
  bool Bool(bool b) { return scalar([&] { return writer_.Bool(b); }); }
  bool Int(int i) { return scalar([&] { return writer_.Int(i); }); }
  bool Uint(unsigned u) { return scalar([&] { return writer_.Uint(u); }); }
  bool Int64(std::int64_t i) { return scalar([&] { return writer_.Int64(i); }); }
  bool Uint64(std::uint64_t u) { return scalar([&] { return writer_.Uint64(u); }); }
  bool Double(double d) { return scalar([&] { return writer_.Double(d); }); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) {
    return scalar([&] { return writer_.RawNumber(s, n, copy); });
  }
  bool String(const char* s, rapidjson::SizeType n, bool copy) {
    return scalar([&] { return writer_.String(s, n, copy); });
  }
  bool StartObject() { return open([&] { return writer_.StartObject(); }); }
  bool StartArray() { return open([&] { return writer_.StartArray(); }); }
  bool EndArray(rapidjson::SizeType n) { return close([&] { return writer_.EndArray(n); }); }
  bool EndObject(rapidjson::SizeType n) {
    if (skip_ == 0 && depth_ == 1) {
      // The root closes: the slots a Pin lacked go at its end (where a member set would go).
      if (!is_owner_at_)
        slot(kIsOwner, is_owner_at_, [&] { writer_.Bool(true); });
      if (!pin_metrics_at_)
        slot(kPinMetrics, pin_metrics_at_, [&] { writer_.Null(); });
    }
    return close([&] { return writer_.EndObject(n); });
  }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) {
    if (skip_ > 0)
      return true;
    if (depth_ == 1) {
      const std::string_view key(s, n);
      pending_ = key == kIsOwner ? &is_owner_at_ : key == kPinMetrics ? &pin_metrics_at_ : nullptr;
    }
    return writer_.Key(s, n, copy);
  }

  std::uint32_t is_owner_at() const { return *is_owner_at_; }
  std::uint32_t pin_metrics_at() const { return *pin_metrics_at_; }

private:
  template <typename F> void slot(std::string_view key, std::optional<std::uint32_t>& at, F value) {
    writer_.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
    at = static_cast<std::uint32_t>(out_.size() + 1); // after the ':'
    value();
  }
  // A slot's value: write the owner's fixed value instead; true when it was one.
  bool take_slot() {
    if (skip_ > 0 || depth_ != 1 || !pending_)
      return false;
    std::optional<std::uint32_t>* at = pending_;
    pending_ = nullptr;
    *at = static_cast<std::uint32_t>(out_.size() + 1);
    if (at == &is_owner_at_)
      writer_.Bool(true);
    else
      writer_.Null();
    return true;
  }
  template <typename F> bool scalar(F write) {
    if (skip_ > 0 || take_slot())
      return true;
    return write();
  }
  template <typename F> bool open(F write) {
    if (skip_ > 0 || take_slot()) {
      ++skip_;
      return true;
    }
    ++depth_;
    return write();
  }
  template <typename F> bool close(F write) {
    if (skip_ > 0) {
      --skip_;
      return true;
    }
    --depth_;
    return write();
  }

  std::string& out_;
  json::Writer writer_;
  int depth_ = 0;
  int skip_ = 0; // > 0 while swallowing the value a slot had
  std::optional<std::uint32_t>* pending_ = nullptr;
  std::optional<std::uint32_t> is_owner_at_, pin_metrics_at_;
};

} // namespace

void PinRecord::render(const json::Value& pin) {
  if (!pin.IsObject())
    throw std::logic_error("PinRecord::render: a Pin is an object");
  std::string out;
  out.reserve(2048);
  SlotWriter writer(out);
  pin.Accept(writer);
  is_owner_at = writer.is_owner_at();
  pin_metrics_at = writer.pin_metrics_at();
  out.shrink_to_fit(); // stored for the pin's lifetime: no slack
  json = std::move(out);

  creative_type = std::string(json::get_string(pin, "creative_type").value_or(""));
  const std::string_view created_at = json::get_string(pin, "created_at").value_or("");
  created = Date::parse(created_at.substr(0, 10)).value_or(Date{});
  const json::Value* parent = json::find(pin, "parent_pin_id");
  is_repin = parent && parent->IsString();
  has_been_promoted = json::get_bool(pin, "has_been_promoted").value_or(false);
  video = false;
  if (const json::Value* media = json::find(pin, "media"); media && media->IsObject()) {
    const std::string_view type = json::get_string(*media, "media_type").value_or("");
    video = type == "video" || type == "multiple_videos" || type == "multiple_mixed";
  }
}

void PinRecord::write_for(json::Writer& out, bool viewer_is_owner,
                          std::optional<std::string_view> pin_metrics) const {
  const std::string_view bytes(json);
  if (viewer_is_owner && !pin_metrics) {
    out.raw_value({bytes}, rapidjson::kObjectType);
    return;
  }
  const std::string_view owner_value = viewer_is_owner ? "true" : "false";
  const std::string_view metrics_value = pin_metrics ? *pin_metrics : "null";
  // The two 4-byte slots in the order they appear.
  const bool owner_first = is_owner_at < pin_metrics_at;
  const std::uint32_t first = owner_first ? is_owner_at : pin_metrics_at;
  const std::uint32_t second = owner_first ? pin_metrics_at : is_owner_at;
  out.raw_value({bytes.substr(0, first), owner_first ? owner_value : metrics_value,
                 bytes.substr(first + 4, second - first - 4),
                 owner_first ? metrics_value : owner_value, bytes.substr(second + 4)},
                rapidjson::kObjectType);
}

} // namespace pinsmock
