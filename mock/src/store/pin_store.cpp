#include "store/pin_store.hpp"

#include <mutex>

namespace pinsmock {

void PinStore::reset(std::vector<PinRecord> pins) {
  std::unique_lock lock(mutex_);
  pins_.clear();
  by_owner_.clear();
  next_sequence_ = 1;
  for (PinRecord& pin : pins) {
    pin.sequence = next_sequence_++;
    by_owner_[pin.owner][pin.sequence] = pin.id;
    std::string id = pin.id;
    pins_.insert_or_assign(std::move(id), std::move(pin));
  }
}

bool PinStore::insert(PinRecord pin) {
  std::unique_lock lock(mutex_);
  if (pins_.count(pin.id))
    return false;
  pin.sequence = next_sequence_++;
  by_owner_[pin.owner][pin.sequence] = pin.id;
  std::string id = pin.id;
  pins_.emplace(std::move(id), std::move(pin));
  return true;
}

std::optional<PinRecord> PinStore::find(const std::string& id) const {
  std::shared_lock lock(mutex_);
  auto it = pins_.find(id);
  if (it == pins_.end())
    return std::nullopt;
  return it->second;
}

bool PinStore::replace(PinRecord pin) {
  std::unique_lock lock(mutex_);
  auto it = pins_.find(pin.id);
  if (it == pins_.end())
    return false;
  pin.sequence = it->second.sequence;
  pin.owner = it->second.owner; // ownership never moves with an update
  it->second = std::move(pin);
  return true;
}

bool PinStore::erase(const std::string& id) {
  std::unique_lock lock(mutex_);
  auto it = pins_.find(id);
  if (it == pins_.end())
    return false;
  auto owner = by_owner_.find(it->second.owner);
  if (owner != by_owner_.end())
    owner->second.erase(it->second.sequence);
  pins_.erase(it);
  return true;
}

PinPage PinStore::list_page(const std::string& owner,
                            const std::function<bool(const PinRecord&)>& keep,
                            std::optional<std::uint64_t> before, std::size_t limit) const {
  std::shared_lock lock(mutex_);
  PinPage page;
  auto owner_it = by_owner_.find(owner);
  if (owner_it == by_owner_.end())
    return page;
  const auto& index = owner_it->second;
  auto it = before ? index.upper_bound(*before) : index.begin();
  for (; it != index.end(); ++it) {
    const PinRecord& pin = pins_.at(it->second);
    if (!keep(pin))
      continue;
    if (page.items.size() == limit) {
      // One more match exists: the page is full and the list goes on.
      page.next_cursor = page.items.back().sequence;
      break;
    }
    page.items.push_back(pin);
  }
  return page;
}

std::size_t PinStore::size() const {
  std::shared_lock lock(mutex_);
  return pins_.size();
}

} // namespace pinsmock
