#include "store/pin_store.hpp"

#include <algorithm>
#include <mutex>

namespace pinsmock {

void PinStore::reset(const std::vector<PinPtr>& pins, std::uint64_t next_sequence) {
  {
    std::unique_lock lock(mutex_);
    pins_.clear();
    by_owner_.clear();
    pins_.reserve(pins.size());
    next_sequence_ = 1;
    for (const PinPtr& given : pins) {
      PinPtr pin = given;
      if (pin->sequence < next_sequence_) {
        // Fixture records carry their order already; anything else gets a copy that does.
        auto copy = std::make_shared<PinRecord>(*given);
        copy->sequence = next_sequence_;
        pin = std::move(copy);
      }
      next_sequence_ = pin->sequence + 1;
      by_owner_[pin->owner][pin->sequence] = pin;
      pins_.insert_or_assign(std::string_view(pin->id), pin);
    }
    next_sequence_ = std::max(next_sequence_, next_sequence);
  }
  changed();
}

PinStore::Contents PinStore::contents() const {
  Contents out;
  {
    std::shared_lock lock(mutex_);
    out.pins.reserve(pins_.size());
    for (const auto& [id, pin] : pins_)
      out.pins.push_back(pin);
    out.next_sequence = next_sequence_;
  }
  std::sort(out.pins.begin(), out.pins.end(),
            [](const PinPtr& a, const PinPtr& b) { return a->sequence < b->sequence; });
  return out;
}

PinPtr PinStore::insert(PinRecord pin) {
  auto record = std::make_shared<PinRecord>(std::move(pin));
  std::unique_lock lock(mutex_);
  if (pins_.count(record->id))
    return nullptr;
  record->sequence = next_sequence_++;
  by_owner_[record->owner][record->sequence] = record;
  pins_.emplace(std::string_view(record->id), record);
  lock.unlock();
  changed();
  return record;
}

PinPtr PinStore::find(const std::string& id) const {
  std::shared_lock lock(mutex_);
  auto it = pins_.find(id);
  return it == pins_.end() ? nullptr : it->second;
}

bool PinStore::replace(PinRecord pin) {
  auto record = std::make_shared<PinRecord>(std::move(pin));
  std::unique_lock lock(mutex_);
  auto it = pins_.find(record->id);
  if (it == pins_.end())
    return false;
  const PinRecord& old = *it->second;
  record->sequence = old.sequence;
  record->owner = old.owner; // ownership never moves with an update
  by_owner_[record->owner][record->sequence] = record;
  // The key views the old record's id: re-key on the new one.
  pins_.erase(it);
  pins_.emplace(std::string_view(record->id), std::move(record));
  lock.unlock();
  changed();
  return true;
}

bool PinStore::erase(const std::string& id) {
  std::unique_lock lock(mutex_);
  auto it = pins_.find(id);
  if (it == pins_.end())
    return false;
  auto owner = by_owner_.find(it->second->owner);
  if (owner != by_owner_.end())
    owner->second.erase(it->second->sequence);
  pins_.erase(it);
  lock.unlock();
  changed();
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
  page.items.reserve(std::min<std::size_t>(limit, index.size()));
  auto it = before ? index.upper_bound(*before) : index.begin();
  for (; it != index.end(); ++it) {
    const PinRecord& pin = *it->second;
    if (!keep(pin))
      continue;
    if (page.items.size() == limit) {
      // One more match exists: the page is full and the list goes on.
      page.next_cursor = page.items.back()->sequence;
      break;
    }
    page.items.push_back(it->second);
  }
  return page;
}

std::size_t PinStore::size() const {
  std::shared_lock lock(mutex_);
  return pins_.size();
}

} // namespace pinsmock
