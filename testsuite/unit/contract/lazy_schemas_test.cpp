// Built-in contracts are compiled by valijson on first use (issue 11: the first answer after
// exec); these tests stand in for the load-time compile they no longer get.
#include "pinsmock/contract_registry.hpp"

#include "pinsmock/startup_error.hpp"
#include "unit/temp_dir.hpp"
#include "unit/unit_world.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

using pinsmock::ContractRegistry;
using pinsmock::FileSource;
using pinsmock::test::parse_json;

TEST_CASE("ContractRegistry: every built-in schema compiles, in both format modes",
          "[unit][contract_registry]") {
  for (bool strict : {false, true}) {
    const auto registry = ContractRegistry::load(FileSource::embedded("contracts/"), strict);
    REQUIRE(registry->schema_paths().size() > 10);
    for (const std::string& path : registry->schema_paths()) {
      INFO(path << (strict ? " (strict formats)" : ""));
      REQUIRE_NOTHROW(registry->validate(path, parse_json("{}")));
    }
  }
}

TEST_CASE("ContractRegistry: threads that first use a schema together share one compile",
          "[unit][contract_registry]") {
  const auto registry = ContractRegistry::load(FileSource::embedded("contracts/"), false);
  const auto bad = parse_json(R"({"id": "1300000000000000001", "title": 5})");
  std::vector<std::size_t> found(6);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < found.size(); ++t)
    threads.emplace_back(
        [&, t] { found[t] = registry->validate("components/pin.json", bad).size(); });
  for (std::thread& t : threads)
    t.join();
  for (std::size_t n : found)
    CHECK(n == found[0]);
  CHECK(found[0] > 0);
}

TEST_CASE("ContractRegistry: a schema valijson refuses stops a load from a directory",
          "[unit][contract_registry]") {
  const pinsmock::test::TempDir dir;
  dir.write("manifest.json", R"({"base_path": "/v5", "operations": [{"id": "x/get",
      "method": "GET", "path": "/x", "params": "p.json"}]})");
  dir.write("schemas/p.json", R"({"type": "object", "properties": {
      "id": {"type": "string", "maxLength": "long"}}})");
  CHECK_THROWS_AS(ContractRegistry::load(FileSource::directory(dir.str()), true),
                  pinsmock::StartupError);
  CHECK_THROWS_WITH(ContractRegistry::load(FileSource::directory(dir.str()), true),
                    Catch::Contains("schemas/p.json"));
}
