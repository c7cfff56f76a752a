#include "store/pin_store.hpp"

#include "unit/catch_optional.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <thread>
#include <vector>

using pinsmock::PinPage;
using pinsmock::PinRecord;
using pinsmock::PinStore;

namespace json = pinsmock::json;

namespace {

PinRecord make_pin(const std::string& id, const std::string& owner = "alice",
                   const std::string& title = "title") {
  PinRecord record;
  record.id = id;
  record.owner = owner;
  record.board_id = "1100000000000000001";
  json::Document pin(rapidjson::kObjectType);
  auto& a = pin.GetAllocator();
  pin.AddMember("id", json::string(id, a), a);
  pin.AddMember("title", json::string(title, a), a);
  record.render(pin);
  return record;
}

std::optional<std::string> title_of(const pinsmock::PinPtr& pin) {
  json::Document doc;
  if (!pin || json::parse_into(doc, pin->json))
    return std::nullopt;
  auto title = json::get_string(doc, "title");
  return title ? std::optional<std::string>(std::string(*title)) : std::nullopt;
}

bool keep_all(const PinRecord&) { return true; }

std::vector<std::string> ids_of(const PinPage& page) {
  std::vector<std::string> out;
  for (const pinsmock::PinPtr& pin : page.items)
    out.push_back(pin->id);
  return out;
}

// Every id `owner` can list, walking pages of `limit`.
std::vector<std::string> walk(const PinStore& store, const std::string& owner, std::size_t limit) {
  std::vector<std::string> out;
  std::optional<std::uint64_t> cursor;
  do {
    PinPage page = store.list_page(owner, keep_all, cursor, limit);
    for (const pinsmock::PinPtr& pin : page.items)
      out.push_back(pin->id);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

} // namespace

TEST_CASE("PinStore: insert then find returns the pin with a sequence", "[unit][store]") {
  PinStore store;
  CHECK(store.insert(make_pin("1", "alice", "first")));
  CHECK(store.insert(make_pin("2")));
  CHECK(store.size() == 2);
  const auto found = store.find("1");
  REQUIRE(found);
  CHECK(found->owner == "alice");
  CHECK(title_of(found) == std::optional<std::string>("first"));
  CHECK(found->sequence < store.find("2")->sequence);
  CHECK_FALSE(store.find("3"));
}

TEST_CASE("PinStore: inserting an existing id fails and keeps the original", "[unit][store]") {
  PinStore store;
  REQUIRE(store.insert(make_pin("1", "alice", "original")));
  CHECK_FALSE(store.insert(make_pin("1", "bob", "intruder")));
  CHECK(store.size() == 1);
  CHECK(store.find("1")->owner == "alice");
  CHECK(title_of(store.find("1")) == std::optional<std::string>("original"));
}

TEST_CASE("PinStore: replace keeps the sequence and the owner", "[unit][store]") {
  PinStore store;
  store.insert(make_pin("1"));
  store.insert(make_pin("2"));
  const std::uint64_t sequence = store.find("1")->sequence;
  PinRecord update = make_pin("1", "mallory", "renamed");
  update.board_id = "1100000000000000004";
  update.sequence = 999;
  CHECK(store.replace(std::move(update)));
  const auto found = store.find("1");
  REQUIRE(found);
  CHECK(found->sequence == sequence);
  CHECK(found->owner == "alice");
  CHECK(found->board_id == "1100000000000000004");
  CHECK(title_of(found) == std::optional<std::string>("renamed"));
  // Still listed under its owner, in its old place.
  CHECK(ids_of(store.list_page("alice", keep_all, std::nullopt, 10)) ==
        std::vector<std::string>{"2", "1"});
  CHECK(store.list_page("mallory", keep_all, std::nullopt, 10).items.empty());
}

TEST_CASE("PinStore: erase removes once; replace after erase returns false", "[unit][store]") {
  PinStore store;
  store.insert(make_pin("1"));
  store.insert(make_pin("2"));
  CHECK(store.erase("1"));
  CHECK_FALSE(store.erase("1"));
  CHECK_FALSE(store.find("1"));
  CHECK_FALSE(store.replace(make_pin("1", "alice", "back from the dead")));
  CHECK_FALSE(store.find("1"));
  CHECK(store.size() == 1);
  CHECK(ids_of(store.list_page("alice", keep_all, std::nullopt, 10)) ==
        std::vector<std::string>{"2"});
  CHECK_FALSE(store.replace(make_pin("never-existed")));
}

TEST_CASE("PinStore: list_page is newest first with a cursor while more remain", "[unit][store]") {
  PinStore store;
  for (int i = 1; i <= 5; ++i)
    store.insert(make_pin(std::to_string(i)));
  PinPage first = store.list_page("alice", keep_all, std::nullopt, 2);
  CHECK(ids_of(first) == std::vector<std::string>{"5", "4"});
  REQUIRE(first.next_cursor);
  PinPage second = store.list_page("alice", keep_all, first.next_cursor, 2);
  CHECK(ids_of(second) == std::vector<std::string>{"3", "2"});
  REQUIRE(second.next_cursor);
  PinPage last = store.list_page("alice", keep_all, second.next_cursor, 2);
  CHECK(ids_of(last) == std::vector<std::string>{"1"});
  CHECK_FALSE(last.next_cursor);
}

TEST_CASE("PinStore: a page that ends exactly at the last pin has no cursor", "[unit][store]") {
  PinStore store;
  for (int i = 1; i <= 4; ++i)
    store.insert(make_pin(std::to_string(i)));
  PinPage first = store.list_page("alice", keep_all, std::nullopt, 2);
  REQUIRE(first.next_cursor);
  PinPage second = store.list_page("alice", keep_all, first.next_cursor, 2);
  CHECK(ids_of(second) == std::vector<std::string>{"2", "1"});
  CHECK_FALSE(second.next_cursor);
  CHECK_FALSE(store.list_page("alice", keep_all, std::nullopt, 4).next_cursor);
}

TEST_CASE("PinStore: list_page filters, and separates owners", "[unit][store]") {
  PinStore store;
  for (int i = 1; i <= 6; ++i)
    store.insert(make_pin(std::to_string(i), i % 2 ? "alice" : "bob"));
  CHECK(ids_of(store.list_page("alice", keep_all, std::nullopt, 10)) ==
        std::vector<std::string>{"5", "3", "1"});
  CHECK(ids_of(store.list_page("bob", keep_all, std::nullopt, 10)) ==
        std::vector<std::string>{"6", "4", "2"});
  CHECK(store.list_page("nobody", keep_all, std::nullopt, 10).items.empty());
  const auto not_three = [](const PinRecord& pin) { return pin.id != "3"; };
  PinPage page = store.list_page("alice", not_three, std::nullopt, 1);
  CHECK(ids_of(page) == std::vector<std::string>{"5"});
  REQUIRE(page.next_cursor);
  page = store.list_page("alice", not_three, page.next_cursor, 1);
  CHECK(ids_of(page) == std::vector<std::string>{"1"});
  CHECK_FALSE(page.next_cursor); // nothing after 1 matches
}

TEST_CASE("PinStore: cursors survive inserts and deletes between pages", "[unit][store]") {
  PinStore store;
  for (int i = 1; i <= 10; ++i)
    store.insert(make_pin(std::to_string(i)));
  std::vector<std::string> seen;
  PinPage page = store.list_page("alice", keep_all, std::nullopt, 3); // 10 9 8
  for (const auto& id : ids_of(page))
    seen.push_back(id);
  REQUIRE(page.next_cursor);

  store.erase("8");             // already served
  store.erase("6");             // not served yet: must not appear
  store.erase("7");             // the very next one
  store.insert(make_pin("11")); // newer than the cursor: belongs to a fresh walk
  store.insert(make_pin("12"));
  store.replace(make_pin("5", "alice", "edited")); // keeps its place

  std::optional<std::uint64_t> cursor = page.next_cursor;
  while (cursor) {
    page = store.list_page("alice", keep_all, cursor, 3);
    for (const auto& id : ids_of(page))
      seen.push_back(id);
    cursor = page.next_cursor;
  }
  CHECK(seen == std::vector<std::string>{"10", "9", "8", "5", "4", "3", "2", "1"});
  const std::set<std::string> unique(seen.begin(), seen.end());
  CHECK(unique.size() == seen.size());
  CHECK(walk(store, "alice", 4) ==
        std::vector<std::string>{"12", "11", "10", "9", "5", "4", "3", "2", "1"});
}

TEST_CASE("PinStore: handed-out records stay as they were and outlive the store",
          "[unit][store]") {
  PinStore store;
  store.insert(make_pin("1", "alice", "stored"));
  const auto before = store.find("1");
  REQUIRE(before);
  store.replace(make_pin("1", "alice", "replaced"));
  // A reader holding the old record (a page being written out) still sees it whole.
  CHECK(title_of(before) == std::optional<std::string>("stored"));
  CHECK(title_of(store.find("1")) == std::optional<std::string>("replaced"));
  pinsmock::PinPtr survivor;
  {
    PinStore temporary;
    temporary.insert(make_pin("9", "alice", "outlives"));
    survivor = temporary.find("9");
  }
  REQUIRE(survivor);
  CHECK(survivor->json == R"({"id":"9","title":"outlives","is_owner":true,"pin_metrics":null})");
}

TEST_CASE("PinStore: reset replaces everything and sequences follow the given order",
          "[unit][store]") {
  PinStore store;
  store.insert(make_pin("old"));
  std::vector<pinsmock::PinPtr> seed;
  for (const char* id : {"a", "b", "c"})
    seed.push_back(std::make_shared<const PinRecord>(make_pin(id)));
  store.reset(seed);
  CHECK(store.size() == 3);
  CHECK_FALSE(store.find("old"));
  CHECK(ids_of(store.list_page("alice", keep_all, std::nullopt, 10)) ==
        std::vector<std::string>{"c", "b", "a"});
  CHECK(store.find("a")->sequence == 1);
  store.insert(make_pin("d"));
  CHECK(store.find("d")->sequence == 4);
}

TEST_CASE("PinStore: concurrent inserts lose nothing", "[unit][store]") {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 50;
  PinStore store;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&store, t] {
      for (int i = 0; i < kPerThread; ++i) {
        store.insert(
            make_pin(std::to_string(t) + "-" + std::to_string(i), t % 2 ? "alice" : "bob"));
        store.list_page("alice", keep_all, std::nullopt, 5); // readers interleave with writers
      }
    });
  for (std::thread& thread : threads)
    thread.join();
  CHECK(store.size() == kThreads * kPerThread);
  std::set<std::uint64_t> sequences;
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kPerThread; ++i) {
      const auto pin = store.find(std::to_string(t) + "-" + std::to_string(i));
      REQUIRE(pin);
      sequences.insert(pin->sequence);
    }
  CHECK(sequences.size() == kThreads * kPerThread);
  const auto alice = walk(store, "alice", 7);
  const auto bob = walk(store, "bob", 250);
  CHECK(alice.size() == kThreads * kPerThread / 2);
  CHECK(bob.size() == kThreads * kPerThread / 2);
  // Each thread's own inserts appear newest first.
  std::vector<std::string> thread_one;
  std::copy_if(alice.begin(), alice.end(), std::back_inserter(thread_one),
               [](const std::string& id) { return id.rfind("1-", 0) == 0; });
  REQUIRE(thread_one.size() == kPerThread);
  CHECK(thread_one.front() == "1-49");
  CHECK(thread_one.back() == "1-0");
}

TEST_CASE("PinStore: reset keeps increasing sequences and the next one given (a saved state)",
          "[unit][store]") {
  PinStore store;
  int changes = 0;
  store.on_change([&] { ++changes; });
  auto with_sequence = [](PinRecord record, std::uint64_t sequence) {
    record.sequence = sequence;
    return std::make_shared<const PinRecord>(std::move(record));
  };
  store.reset({with_sequence(make_pin("a"), 3), with_sequence(make_pin("b"), 9),
               with_sequence(make_pin("c"), 4)}, 20);
  CHECK(changes == 1);
  const PinStore::Contents contents = store.contents();
  REQUIRE(contents.pins.size() == 3);
  CHECK(contents.pins[0]->id == "a");
  CHECK(contents.pins[0]->sequence == 3);
  CHECK(contents.pins[1]->sequence == 9);
  CHECK(contents.pins[2]->id == "c"); // out of order: renumbered after the previous one
  CHECK(contents.pins[2]->sequence == 10);
  CHECK(contents.next_sequence == 20);
  CHECK(store.insert(make_pin("d"))->sequence == 20);
  CHECK(store.erase("a"));
  CHECK(changes == 3);
  CHECK(store.contents().next_sequence == 21); // a deleted pin's sequence is not reused
}
