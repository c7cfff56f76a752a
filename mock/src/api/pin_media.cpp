#include "api/pin_media.hpp"

#include <algorithm>
#include <cstdio>

namespace pinsmock {
namespace {

std::uint64_t fnv1a64(std::string_view text, std::uint64_t h = 14695981039346656037ull) {
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

json::Value image_details(int width, int height, const std::string& url, json::Allocator& alloc) {
  json::Value details(rapidjson::kObjectType);
  details.AddMember("width", width, alloc);
  details.AddMember("height", height, alloc);
  details.AddMember("url", json::string(url, alloc), alloc);
  return details;
}

std::string image_url(std::string_view size, const std::string& hash) {
  return "https://i.pinimg.com/" + std::string(size) + "/" + hash.substr(0, 2) + "/" +
         hash.substr(2, 2) + "/" + hash.substr(4, 2) + "/" + hash + ".jpg";
}

// Fixed crops, then widths that keep the aspect ratio and are capped at the original.
json::Value image_sizes(int width, int height, const std::string& hash, json::Allocator& alloc) {
  json::Value images(rapidjson::kObjectType);
  images.AddMember("150x150", image_details(150, 150, image_url("150x150", hash), alloc), alloc);
  images.AddMember("400x300", image_details(400, 300, image_url("400x300", hash), alloc), alloc);
  for (const auto& [name, target] : {std::pair<const char*, int>{"600x", 600}, {"1200x", 1200}}) {
    const int w = std::min(target, width);
    const int h = static_cast<int>(static_cast<long long>(height) * w / width);
    images.AddMember(rapidjson::StringRef(name), image_details(w, h, image_url(name, hash), alloc),
                     alloc);
  }
  // Live also sends the original (API-NOTES.md section 4), a key the spec's ImageSize omits.
  images.AddMember("originals", image_details(width, height, image_url("originals", hash), alloc),
                   alloc);
  return images;
}

json::Value nullable_string(const json::Value& object, const char* key, json::Allocator& alloc) {
  if (auto v = json::get_string(object, key))
    return json::string(*v, alloc);
  return json::Value(rapidjson::kNullType);
}

} // namespace

std::string asset_hash(const std::string& pin_id, int index) {
  const std::string key = pin_id + "#" + std::to_string(index);
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx",
                static_cast<unsigned long long>(fnv1a64(key)),
                static_cast<unsigned long long>(fnv1a64(key, 1099511628211ull)));
  return buf;
}

std::string_view creative_type_for(std::string_view media_type) {
  if (media_type == "video")
    return "VIDEO";
  if (media_type == "multiple_images")
    return "CAROUSEL";
  return "REGULAR";
}

json::Value build_media(const json::Value& media_source, const MediaTemplate& size,
                        const std::string& pin_id, json::Allocator& alloc) {
  json::Value media(rapidjson::kObjectType);
  media.AddMember("media_type", json::string(size.media_type, alloc), alloc);
  const std::string hash = asset_hash(pin_id, 0);
  if (size.media_type == "video") {
    const std::string cover = std::string(json::get_string(media_source, "cover_image_url")
                                              .value_or(image_url("originals", hash)));
    media.AddMember("cover_image_url", json::string(cover, alloc), alloc);
    const std::string video = "https://v1.pinimg.com/videos/mc/720p/" + hash.substr(0, 2) + "/" +
                              hash.substr(2, 2) + "/" + hash.substr(4, 2) + "/" + hash + ".mp4";
    media.AddMember("video_url", json::string(video, alloc), alloc);
    media.AddMember("duration", size.duration, alloc);
    media.AddMember("height", size.height, alloc);
    media.AddMember("width", size.width, alloc);
    media.AddMember("images", image_sizes(size.width, size.height, hash, alloc), alloc);
  } else if (size.media_type == "multiple_images") {
    json::Value items(rapidjson::kArrayType);
    const json::Value* source_items = json::find(media_source, "items");
    const rapidjson::SizeType count =
        source_items && source_items->IsArray() ? source_items->Size() : 0;
    for (rapidjson::SizeType i = 0; i < count; ++i) {
      json::Value item(rapidjson::kObjectType);
      item.AddMember("item_type", "image", alloc);
      item.AddMember("images",
                     image_sizes(size.width, size.height, asset_hash(pin_id, int(i) + 1), alloc),
                     alloc);
      item.AddMember("title", json::Value(rapidjson::kNullType), alloc);
      item.AddMember("description", json::Value(rapidjson::kNullType), alloc);
      item.AddMember("link", nullable_string((*source_items)[i], "link", alloc), alloc);
      items.PushBack(std::move(item), alloc);
    }
    media.AddMember("items", std::move(items), alloc);
  } else {
    media.AddMember("images", image_sizes(size.width, size.height, hash, alloc), alloc);
  }
  return media;
}

} // namespace pinsmock
