#include "server/verdict_cache.hpp"

#include "contract/schema_walk.hpp"
#include "core/json_signature.hpp"

#include <mutex>

namespace pinsmock {

std::vector<Violation> validate_bytes(const ContractRegistry& contracts, const std::string& schema,
                                      const std::string& bytes) {
  json::Document doc;
  if (auto err = json::parse_into(doc, bytes))
    return {{"", "the body is not JSON: " + err->message, ""}};
  return contracts.validate(schema, doc);
}

bool VerdictCache::cacheable(const ContractRegistry& contracts, const std::string& schema) {
  {
    std::shared_lock lock(mutex_);
    if (auto it = reads_numbers_.find(schema); it != reads_numbers_.end())
      return !it->second;
  }
  const bool reads = reads_number_values(contracts, schema);
  std::unique_lock lock(mutex_);
  reads_numbers_.emplace(schema, reads);
  return !reads;
}

std::vector<Violation> VerdictCache::check(const ContractRegistry& contracts,
                                           const std::string& schema, const std::string& bytes) {
  std::optional<std::string> signature;
  if (cacheable(contracts, schema))
    signature = json::number_blind_signature(bytes);
  if (!signature) { // not cacheable, or not JSON (validate_bytes says so)
    ++validations_;
    return validate_bytes(contracts, schema, bytes);
  }
  std::string key;
  key.reserve(schema.size() + 1 + signature->size());
  key.append(schema).push_back('\0');
  key.append(*signature);
  {
    std::shared_lock lock(mutex_);
    if (auto it = verdicts_.find(key); it != verdicts_.end())
      return it->second;
  }
  std::vector<Violation> violations = validate_bytes(contracts, schema, bytes);
  ++validations_;
  std::unique_lock lock(mutex_);
  if (key_bytes_ + key.size() > kMaxKeyBytes) {
    verdicts_.clear();
    key_bytes_ = 0;
  }
  const std::size_t size = key.size();
  if (size <= kMaxKeyBytes && verdicts_.emplace(std::move(key), violations).second)
    key_bytes_ += size;
  return violations;
}

std::size_t VerdictCache::validations() const { return validations_.load(); }

} // namespace pinsmock
