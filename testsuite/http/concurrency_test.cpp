// Parallel clients: no lost or duplicated writes, consistent listings under load.
// Catch2 v2 assertions are not thread-safe: worker threads only collect, the test thread checks.
#include "http/http_fixture.hpp"

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

using namespace pinsmock::test;
using pinsmock::MockServer;

TEST_CASE("Concurrency: 8 threads x 50 parallel creates lose nothing and duplicate no id",
          "[http][concurrency]") {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 50;
  MockServer server(test_options());
  server.start();

  std::vector<std::vector<ApiResult>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      PinsClient client(server.base_url(), kCreatorToken);
      for (int i = 0; i < kPerThread; ++i)
        results[t].push_back(client.pins_create(sample_with_title(
            "pins.create.image_url", "thread " + std::to_string(t) + " pin " + std::to_string(i))));
    });
  for (std::thread& thread : threads)
    thread.join();

  std::set<std::string> created;
  for (int t = 0; t < kThreads; ++t)
    for (const ApiResult& res : results[t]) {
      REQUIRE_THAT(res, HasStatus(201));
      CHECK_THAT(res, ConformsTo("pins/create"));
      CHECK(created.insert(res.string_member("id")).second);
    }
  CHECK(created.size() == static_cast<std::size_t>(kThreads * kPerThread));

  PinsClient client(server.base_url(), kCreatorToken);
  const ListWalk walk = walk_list(client, {{"page_size", "250"}});
  CHECK(all_distinct(walk.ids));
  CHECK(walk.ids.size() == created.size() + kCreatorPublicPins);
  std::size_t listed = 0;
  for (const std::string& id : walk.ids)
    listed += created.count(id);
  CHECK(listed == created.size());
  // Newest first: the created pins lead, the fixtures follow.
  CHECK(walk.ids.back() == fixture_pin(1));
  CHECK(created.count(walk.ids.front()) == 1);

  PinsClient admin(server.root_url(), "");
  CHECK(int_at(admin.raw("GET", "/__admin/health").json, "pins") ==
        kFixturePinCount + kThreads * kPerThread);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Concurrency: bookmark walks during parallel creates and deletes stay duplicate-free",
          "[http][concurrency]") {
  constexpr int kWriters = 4;
  constexpr int kReaders = 4;
  MockServer server(test_options());
  server.start();

  std::atomic<bool> writing{true};
  std::vector<std::vector<ApiResult>> writes(kWriters);
  std::vector<std::vector<std::vector<std::string>>> walks(kReaders);
  std::vector<std::vector<ApiResult>> failures(kReaders);
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w)
    threads.emplace_back([&, w] {
      PinsClient client(server.base_url(), kCreatorToken);
      for (int i = 0; i < 30; ++i) {
        ApiResult created = client.pins_create(sample("pins.create.image_url"));
        const std::string id = created.string_member("id");
        writes[w].push_back(std::move(created));
        if (i % 2 == 0 && !id.empty())
          writes[w].push_back(client.pins_delete(id));
      }
    });
  for (int r = 0; r < kReaders; ++r)
    threads.emplace_back([&, r] {
      PinsClient client(server.base_url(), kCreatorToken);
      for (int round = 0; round < 3 || (writing && round < 50); ++round) {
        std::vector<std::string> ids;
        std::string bookmark;
        for (int page = 0; page < 200; ++page) {
          Query query{{"page_size", "7"}};
          if (!bookmark.empty())
            query.emplace_back("bookmark", bookmark);
          ApiResult res = client.pins_list(query);
          if (res.status != 200 || !response_violations("pins/list", res).empty()) {
            failures[r].push_back(std::move(res));
            break;
          }
          for (std::string& id : item_ids(res))
            ids.push_back(std::move(id));
          bookmark = null_at(res.json, "bookmark") ? "" : str_at(res.json, "bookmark");
          if (bookmark.empty())
            break;
        }
        walks[r].push_back(std::move(ids));
      }
    });
  for (int w = 0; w < kWriters; ++w)
    threads[static_cast<std::size_t>(w)].join();
  writing = false;
  for (std::size_t i = kWriters; i < threads.size(); ++i)
    threads[i].join();

  for (int w = 0; w < kWriters; ++w)
    for (const ApiResult& res : writes[w]) {
      CHECK((res.status == 201 || res.status == 204));
      CHECK_THAT(res, ConformsTo(res.method == "POST" ? "pins/create" : "pins/delete"));
    }
  for (int r = 0; r < kReaders; ++r) {
    for (const ApiResult& failure : failures[r])
      CHECK_THAT(failure, ConformsTo("pins/list") && HasStatus(200));
    for (const std::vector<std::string>& ids : walks[r]) {
      CHECK(all_distinct(ids));
      // Every fixture pin existed throughout, so every walk sees all of them.
      CHECK(std::count_if(ids.begin(), ids.end(), [](const std::string& id) {
              return id.rfind("13", 0) == 0;
            }) == kCreatorPublicPins);
    }
  }
  PinsClient client(server.base_url(), kCreatorToken);
  const ListWalk after = walk_list(client, {{"page_size", "250"}});
  CHECK(after.ids.size() == static_cast<std::size_t>(kCreatorPublicPins + kWriters * 15));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Concurrency: 8 threads x 200 mixed writes lose nothing and duplicate nothing",
          "[http][concurrency]") {
  // Each thread creates a pin, renames it, saves it, and deletes every other save: stored pins
  // are shared immutable records, so every write replaces a record while others read it.
  constexpr int kThreads = 8;
  constexpr int kRounds = 50; // 4 writes each: 200 per thread
  MockServer server(test_options());
  server.start();
  struct Outcome {
    std::vector<std::string> kept;   // ids that must exist at the end, with their titles
    std::vector<std::string> titles;
    std::vector<std::string> deleted;
    std::vector<std::string> failures;
  };
  std::vector<Outcome> outcomes(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      Outcome& out = outcomes[t];
      PinsClient client(server.base_url(), kCreatorToken);
      for (int i = 0; i < kRounds; ++i) {
        const std::string name = "t" + std::to_string(t) + " r" + std::to_string(i);
        ApiResult created = client.pins_create(sample_with_title("pins.create.image_url", name));
        if (created.status != 201) {
          out.failures.push_back("create " + std::to_string(created.status));
          continue;
        }
        const std::string id = created.string_member("id");
        ApiResult renamed = client.pins_update(id, "{\"title\": \"" + name + " renamed\"}");
        ApiResult saved = client.pins_save(id, "{\"board_id\": \"1100000000000000004\"}");
        if (renamed.status != 200 || saved.status != 201) {
          out.failures.push_back("update/save " + std::to_string(renamed.status) + "/" +
                                 std::to_string(saved.status));
          continue;
        }
        out.kept.push_back(id);
        out.titles.push_back(name + " renamed");
        const std::string copy = saved.string_member("id");
        if (i % 2 == 0) {
          const int status = client.pins_delete(copy).status;
          if (status != 204)
            out.failures.push_back("delete " + std::to_string(status));
          out.deleted.push_back(copy);
        } else {
          out.kept.push_back(copy);
          out.titles.push_back(name + " renamed");
        }
      }
    });
  for (std::thread& thread : threads)
    thread.join();

  PinsClient client(server.base_url(), kCreatorToken);
  std::set<std::string> kept;
  for (const Outcome& out : outcomes) {
    CHECK(out.failures.empty());
    for (std::size_t i = 0; i < out.kept.size(); ++i) {
      CHECK(kept.insert(out.kept[i]).second);
      ApiResult pin = client.pins_get(out.kept[i]);
      REQUIRE_THAT(pin, HasStatus(200));
      CHECK(pin.string_member("title") == out.titles[i]);
    }
    for (const std::string& id : out.deleted)
      CHECK_THAT(client.pins_get(id), HasStatus(404));
  }
  CHECK(kept.size() == static_cast<std::size_t>(kThreads * kRounds * 3 / 2));
  const ListWalk walk = walk_list(client, {{"page_size", "250"}});
  CHECK(all_distinct(walk.ids));
  std::size_t listed = 0;
  for (const std::string& id : walk.ids)
    listed += kept.count(id);
  CHECK(listed == kept.size());
  CHECK(server.internal_errors().empty());
}
