#include "store/id_source.hpp"

#include "unit/catch_optional.hpp"
#include "unit/text_shape.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <thread>
#include <vector>

using pinsmock::Date;
using pinsmock::IdSource;
using pinsmock::test::has_shape;

namespace {

std::vector<std::string> first_ids(std::uint64_t seed, int count) {
  IdSource ids(seed);
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i)
    out.push_back(ids.next_pin_id());
  return out;
}

std::string date_text(const std::optional<Date>& date) {
  return date ? date->to_string() : "(none)";
}

} // namespace

TEST_CASE("IdSource: the same seed gives the same ids", "[unit][id_source]") {
  CHECK(first_ids(1, 20) == first_ids(1, 20));
  CHECK(first_ids(0xDEADBEEF, 5) == first_ids(0xDEADBEEF, 5));
}

TEST_CASE("IdSource: different seeds give different ids", "[unit][id_source]") {
  const auto one = first_ids(1, 10);
  const auto two = first_ids(2, 10);
  CHECK(one != two);
  CHECK(one.front() != two.front());
  const std::set<std::string> overlap_check(one.begin(), one.end());
  int shared = 0;
  for (const std::string& id : two)
    shared += static_cast<int>(overlap_check.count(id));
  CHECK(shared == 0);
}

TEST_CASE("IdSource: ids are 18 digits, increasing, outside the fixtures' range",
          "[unit][id_source]") {
  const std::uint64_t seed = GENERATE(as<std::uint64_t>{}, 0, 1, 42, 0xFFFFFFFFFFFFFFFFull);
  INFO("seed " << seed);
  const auto ids = first_ids(seed, 200);
  std::uint64_t previous = 0;
  for (const std::string& id : ids) {
    INFO(id);
    REQUIRE(has_shape(id, "9DDDDDDDDDDDDDDDDD"));
    const std::uint64_t value = std::stoull(id);
    CHECK(value > previous);
    previous = value;
  }
}

TEST_CASE("IdSource: reset restarts the sequence of its seed", "[unit][id_source]") {
  IdSource ids(7);
  const std::string first = ids.next_pin_id();
  ids.next_pin_id();
  ids.reset(7);
  CHECK(ids.next_pin_id() == first);
  ids.reset(8);
  CHECK(ids.next_pin_id() == first_ids(8, 1).front());
}

TEST_CASE("IdSource: concurrent callers never get the same id", "[unit][id_source]") {
  IdSource ids(3);
  std::vector<std::vector<std::string>> per_thread(4);
  std::vector<std::thread> threads;
  for (auto& out : per_thread)
    threads.emplace_back([&ids, &out] {
      for (int i = 0; i < 500; ++i)
        out.push_back(ids.next_pin_id());
    });
  for (auto& thread : threads)
    thread.join();
  std::set<std::string> all;
  for (const auto& out : per_thread)
    all.insert(out.begin(), out.end());
  CHECK(all.size() == 2000);
}

TEST_CASE("Date: parse accepts real dates, leap days included", "[unit][id_source]") {
  CHECK(date_text(Date::parse("2026-11-14")) == "2026-11-14");
  CHECK(date_text(Date::parse("2024-02-29")) == "2024-02-29"); // divisible by 4
  CHECK(date_text(Date::parse("2000-02-29")) == "2000-02-29"); // divisible by 400
  CHECK(date_text(Date::parse("2026-12-31")) == "2026-12-31");
  CHECK(date_text(Date::parse("1970-01-01")) == "1970-01-01");
  const auto parsed = Date::parse("2026-03-05");
  REQUIRE(parsed);
  CHECK(parsed->year == 2026);
  CHECK(parsed->month == 3);
  CHECK(parsed->day == 5);
}

TEST_CASE("Date: parse rejects impossible or malformed dates", "[unit][id_source]") {
  const std::string text =
      GENERATE(as<std::string>{}, "2023-02-29", "1900-02-29", "2026-04-31", "2026-13-01",
               "2026-00-10", "2026-01-00", "2026-1-01", "2026/01/01", "20260101",
               "2026-01-01T00:00:00", "", "abcd-ef-gh", "2026-01-3a", " 2026-01-01");
  INFO("'" << text << "'");
  CHECK_FALSE(Date::parse(text));
}

TEST_CASE("Date: to_string pads to YYYY-MM-DD", "[unit][id_source]") {
  CHECK(Date{2026, 1, 5}.to_string() == "2026-01-05");
  CHECK(Date{999, 12, 31}.to_string() == "0999-12-31");
}

TEST_CASE("Date: plus_days crosses months, years and leap days", "[unit][id_source]") {
  CHECK(Date{2024, 2, 28}.plus_days(1).to_string() == "2024-02-29");
  CHECK(Date{2024, 2, 28}.plus_days(2).to_string() == "2024-03-01");
  CHECK(Date{2023, 2, 28}.plus_days(1).to_string() == "2023-03-01");
  CHECK(Date{2100, 2, 28}.plus_days(1).to_string() == "2100-03-01"); // not a leap year
  CHECK(Date{2000, 2, 28}.plus_days(1).to_string() == "2000-02-29");
  CHECK(Date{2026, 12, 31}.plus_days(1).to_string() == "2027-01-01");
  CHECK(Date{2024, 3, 1}.plus_days(-1).to_string() == "2024-02-29");
  CHECK(Date{2024, 1, 1}.plus_days(366).to_string() == "2025-01-01");
  CHECK(Date{2026, 11, 14}.plus_days(-90).to_string() == "2026-08-16");
  CHECK(Date{2026, 11, 14}.plus_days(0).to_string() == "2026-11-14");
}

TEST_CASE("Date: days_since_epoch and its inverse agree", "[unit][id_source]") {
  CHECK(Date{1970, 1, 1}.days_since_epoch() == 0);
  CHECK(Date{2000, 3, 1}.days_since_epoch() == 11017);
  CHECK(Date::from_days_since_epoch(-1).to_string() == "1969-12-31");
  CHECK(Date::from_days_since_epoch(19000).to_string() == "2022-01-08");
  for (std::int64_t day = -800; day < 20000; day += 37)
    REQUIRE(Date::from_days_since_epoch(day).days_since_epoch() == day);
  CHECK(Date{2024, 2, 29} < Date{2024, 3, 1});
  CHECK_FALSE(Date{2024, 3, 1} < Date{2024, 2, 29});
  CHECK(Date{2024, 2, 29} == Date{2024, 2, 29});
}
