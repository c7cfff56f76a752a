#include "pinsmock/contract_registry.hpp"

#include "pinsmock/startup_error.hpp"
#include "unit/temp_dir.hpp"
#include "unit/unit_world.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using pinsmock::ContractRegistry;
using pinsmock::FileSource;
using pinsmock::Violation;
using pinsmock::test::contracts;
using pinsmock::test::parse_json;
using pinsmock::test::TempDir;

namespace {

constexpr std::string_view kValidCreate = R"({
  "board_id": "1100000000000000001", "title": "Soup",
  "media_source": {"source_type": "image_url", "url": "https://example.com/a.jpg"}})";

bool names_pointer(const std::vector<Violation>& violations, std::string_view pointer) {
  return std::any_of(violations.begin(), violations.end(),
                     [&](const Violation& v) { return v.pointer == pointer; });
}

std::string describe(const std::vector<Violation>& violations) {
  std::string out;
  for (const Violation& v : violations)
    out += "\n  '" + v.pointer + "': " + v.message;
  return out.empty() ? "(no violations)" : out;
}

// A created pin as live sends it; `created_at` is the only thing the cases vary.
pinsmock::json::Document pin_created_at(std::string_view created_at) {
  return parse_json(R"({"id": "1300000000000000001", "created_at": ")" + std::string(created_at) +
                    R"("})");
}

} // namespace

TEST_CASE("ContractRegistry: a valid PinCreate has no violations", "[unit][contract_registry]") {
  const auto body = parse_json(kValidCreate);
  const auto violations = contracts().validate("components/pin_create.json", body);
  INFO(describe(violations));
  CHECK(violations.empty());
}

TEST_CASE("ContractRegistry: a bad PinCreate field is named by its JSON pointer",
          "[unit][contract_registry]") {
  struct Case {
    std::string_view body;
    std::string_view pointer;
  };
  const Case c = GENERATE(values<Case>({
      {R"({"board_id": "1", "title": 42, "media_source": {"source_type": "pin_url", "url": "u"}})",
       "/title"},
      {R"({"board_id": "abc", "media_source": {"source_type": "pin_url", "url": "u"}})",
       "/board_id"},
      {R"({"board_id": "1", "media_source": {"source_type": "image_url"}})", "/media_source"},
      {R"({"board_id": "1", "media_source": {"source_type": "gif"}})", "/media_source/source_type"},
      {R"({"board_id": "1", "alt_text": [], "media_source": {"source_type": "pin_url",
          "url": "u"}})",
       "/alt_text"},
  }));
  INFO("body: " << c.body);
  const auto violations = contracts().validate("components/pin_create.json", parse_json(c.body));
  INFO(describe(violations));
  REQUIRE_FALSE(violations.empty());
  CHECK(names_pointer(violations, c.pointer));
  CHECK(violations.front().pointer == c.pointer); // most specific first
  for (const Violation& v : violations)
    CHECK_FALSE(v.message.empty());
}

TEST_CASE("ContractRegistry: a too long title names /title and the bound",
          "[unit][contract_registry]") {
  auto body = parse_json(kValidCreate);
  body["title"].SetString(std::string(101, 'T'), body.GetAllocator());
  const auto violations = contracts().validate("components/pin_create.json", body);
  INFO(describe(violations));
  REQUIRE_FALSE(violations.empty());
  CHECK(violations.front().pointer == "/title");
  CHECK_THAT(violations.front().message, Catch::Contains("100"));
  CHECK_THAT(violations.front().message, !Catch::Contains(".000000"));
  body["title"].SetString(std::string(100, 'T'), body.GetAllocator());
  CHECK(contracts().validate("components/pin_create.json", body).empty());
}

TEST_CASE("ContractRegistry: a PinCreate without media_source fails at the root",
          "[unit][contract_registry]") {
  const auto body = parse_json(R"({"board_id": "1100000000000000001"})");
  const auto violations = contracts().validate("components/pin_create.json", body);
  INFO(describe(violations));
  REQUIRE_FALSE(violations.empty());
  CHECK(names_pointer(violations, ""));
  const bool mentions_field =
      std::any_of(violations.begin(), violations.end(), [](const Violation& v) {
        return v.message.find("media_source") != std::string::npos;
      });
  CHECK(mentions_field);
}

TEST_CASE("ContractRegistry: a bad Pin is named by pointer, nested ones included",
          "[unit][contract_registry]") {
  SECTION("id must be a digit string") {
    const auto violations =
        contracts().validate("components/pin.json", parse_json(R"({"id": 1300000000000000001})"));
    INFO(describe(violations));
    CHECK(names_pointer(violations, "/id"));
  }
  SECTION("id is required") {
    const auto violations = contracts().validate("components/pin.json", parse_json(R"({})"));
    INFO(describe(violations));
    REQUIRE_FALSE(violations.empty());
    CHECK(violations.front().pointer.empty());
  }
  SECTION("board_owner.username must be a string") {
    const auto violations = contracts().validate(
        "components/pin.json", parse_json(R"({"id": "1", "board_owner": {"username": 5}})"));
    INFO(describe(violations));
    CHECK(violations.front().pointer == "/board_owner/username");
  }
  SECTION("media_type must be known") {
    const auto violations = contracts().validate(
        "components/pin.json", parse_json(R"({"id": "1", "media": {"media_type": "gif"}})"));
    INFO(describe(violations));
    CHECK(names_pointer(violations, "/media/media_type"));
  }
}

TEST_CASE("ContractRegistry: validate rejects an unknown schema as a bug",
          "[unit][contract_registry]") {
  CHECK_THROWS_AS(contracts().validate("components/nope.json", parse_json("{}")), std::logic_error);
  CHECK_THROWS_AS(contracts().schema_document("components/nope.json"), std::logic_error);
}

TEST_CASE("ContractRegistry: drop_unset_nulls removes title null but keeps board_section_id null",
          "[unit][contract_registry]") {
  // A contract whose title is a plain string (as most generated clients assume): "title": null
  // means "unset" and is dropped; board_section_id admits null (the board itself) and stays.
  const TempDir dir;
  dir.write("manifest.json", R"({"base_path": "/v5", "operations": [{"id": "x/create",
      "method": "POST", "path": "/x", "params": "p.json", "body": "b.json"}]})");
  dir.write("schemas/p.json", R"({"type": "object"})");
  dir.write("schemas/b.json", R"({"type": "object", "properties": {
      "title": {"type": "string", "maxLength": 100},
      "board_section_id": {"type": ["string", "null"]},
      "link": {"anyOf": [{"type": "string"}, {"type": "null"}]},
      "count": {"type": ["integer", "string"]},
      "media_source": {"$ref": "p.json"}}})");
  const auto registry = ContractRegistry::load(FileSource::directory(dir.str()), true);
  auto body = parse_json(R"({"title": null, "board_section_id": null, "link": null,
                             "count": null, "media_source": null, "unknown": null, "kept": 1})");
  registry->drop_unset_nulls("b.json", body);
  CHECK(pinsmock::json::dump(body) ==
        R"({"board_section_id":null,"link":null,"unknown":null,"kept":1})");
  CHECK(registry->validate("b.json", body).empty());
}

TEST_CASE("ContractRegistry: drop_unset_nulls follows the Pins contracts' nullability",
          "[unit][contract_registry]") {
  // PinUpdate: board_id is a plain string (null = unset, dropped); board_section_id and title
  // are nullable in spec 5.23.0, so an explicit null stays and reaches the handler.
  auto update = parse_json(R"({"board_id": null, "board_section_id": null, "title": null})");
  contracts().drop_unset_nulls("components/pin_update.json", update);
  CHECK(pinsmock::json::dump(update) == R"({"board_section_id":null,"title":null})");
  CHECK(contracts().validate("components/pin_update.json", update).empty());

  // PinCreate: a null media_source (a bare $ref) is dropped, so the body fails as "missing".
  auto create = parse_json(R"({"board_id": "1", "media_source": null})");
  contracts().drop_unset_nulls("components/pin_create.json", create);
  CHECK_FALSE(create.HasMember("media_source"));

  auto not_an_object = parse_json("[null]");
  contracts().drop_unset_nulls("components/pin_update.json", not_an_object);
  CHECK(pinsmock::json::dump(not_an_object) == "[null]");
}

TEST_CASE("ContractRegistry: created_at without offset fails only in strict mode",
          "[unit][contract_registry]") {
  const auto strict = ContractRegistry::load(FileSource::embedded("contracts/"), true);
  const auto tolerant = ContractRegistry::load(FileSource::embedded("contracts/"), false);
  const auto live_style = pin_created_at("2022-10-13T01:40:29");
  CHECK(tolerant->validate("components/pin.json", live_style).empty());
  const auto strict_violations = strict->validate("components/pin.json", live_style);
  INFO(describe(strict_violations));
  CHECK(names_pointer(strict_violations, "/created_at"));

  const auto with_offset = pin_created_at("2022-10-13T01:40:29Z");
  CHECK(strict->validate("components/pin.json", with_offset).empty());
  CHECK(tolerant->validate("components/pin.json", with_offset).empty());
  // Tolerance is about the format only: created_at must still be a string.
  CHECK_FALSE(
      tolerant->validate("components/pin.json", parse_json(R"({"id": "1", "created_at": 5})"))
          .empty());
}

TEST_CASE("ContractRegistry: it loads every schema the manifest names, transitively",
          "[unit][contract_registry]") {
  const auto paths = contracts().schema_paths();
  for (std::string_view expected :
       {"components/pin.json", "components/pin_create.json", "components/pin_update.json",
        "components/pin_save.json", "components/error.json", "components/pin_media.json",
        "components/pin_media_source.json", "components/creative_type.json",
        "operations/pins.list.200.json", "operations/pins.list.params.json"}) {
    INFO(expected);
    CHECK(std::find(paths.begin(), paths.end(), expected) != paths.end());
    CHECK(contracts().has_schema(expected));
  }
  CHECK(contracts().manifest().HasMember("operations"));
}

TEST_CASE("ContractRegistry: a missing contracts directory throws StartupError naming the file",
          "[unit][contract_registry]") {
  CHECK_THROWS_AS(ContractRegistry::load(FileSource::directory("/nonexistent/contracts"), false),
                  pinsmock::StartupError);
  CHECK_THROWS_WITH(ContractRegistry::load(FileSource::directory("/nonexistent/contracts"), false),
                    Catch::Contains("/nonexistent/contracts/manifest.json") &&
                        Catch::Contains("not found"));
  CHECK_THROWS_WITH(ContractRegistry::load(FileSource::embedded("nothing/"), true),
                    Catch::Contains("nothing/manifest.json"));
}

TEST_CASE("ContractRegistry: the source tree's contracts load like the embedded ones",
          "[unit][contract_registry]") {
  const auto from_disk = ContractRegistry::load(
      FileSource::directory(std::string(PINSMOCK_SOURCE_DIR) + "/contracts"), false);
  CHECK(from_disk->schema_paths() == contracts().schema_paths());
  CHECK(pinsmock::json::dump(from_disk->manifest()) ==
        pinsmock::json::dump(contracts().manifest()));
}

TEST_CASE("ContractRegistry: a pattern outside the matcher's subset is a StartupError naming file and pattern",
          "[unit][contract_registry]") {
  const TempDir dir;
  dir.write("manifest.json", R"({"base_path": "/v5", "operations": [{"id": "x/get",
      "method": "GET", "path": "/x", "params": "p.json"}]})");
  dir.write("schemas/p.json", R"({"type": "object", "properties": {
      "id": {"type": "string", "pattern": "^(a|b)+$"}}})");
  CHECK_THROWS_AS(ContractRegistry::load(FileSource::directory(dir.str()), true),
                  pinsmock::StartupError);
  CHECK_THROWS_WITH(ContractRegistry::load(FileSource::directory(dir.str()), true),
                    Catch::Contains("schemas/p.json") && Catch::Contains("^(a|b)+$"));
}

TEST_CASE("ContractRegistry: string rules are checked by the linear matcher, lengths in characters",
          "[unit][contract_registry]") {
  const TempDir dir;
  dir.write("manifest.json", R"({"base_path": "/v5", "operations": [{"id": "x/get",
      "method": "GET", "path": "/x", "params": "p.json"}]})");
  dir.write("schemas/p.json", R"({"type": "object", "properties": {
      "id": {"type": "string", "pattern": "^\\d+$"},
      "day": {"type": "string", "format": "date"},
      "t": {"type": "string", "minLength": 2, "maxLength": 3},
      "pattern": {"type": "string"}}})");
  const auto registry = ContractRegistry::load(FileSource::directory(dir.str()), true);
  CHECK(registry->validate("p.json", parse_json(
      R"({"id": "123", "day": "2026-02-28", "t": "\u00e9\u00e9\u00e9", "pattern": "x"})")).empty());
  const auto bad = registry->validate("p.json", parse_json(
      R"({"id": "12x", "day": "2026-02-30", "t": "a"})"));
  REQUIRE(bad.size() == 3);
  const std::string all = bad[0].message + bad[1].message + bad[2].message;
  CHECK_THAT(all, Catch::Contains("does not match the pattern '^\\d+$'") &&
                      Catch::Contains("valid date") && Catch::Contains("no fewer than 2"));
  // The schema as loaded keeps its spelling (spec-diff and query coercion read it).
  CHECK(pinsmock::json::find(*pinsmock::json::find(
            *pinsmock::json::find(registry->schema_document("p.json"), "properties"), "id"),
                             "pattern") != nullptr);
}

TEST_CASE("ContractRegistry: a malformed contract file is named with file:line:column",
          "[unit][contract_registry]") {
  const TempDir dir;
  dir.write("manifest.json", R"({"base_path": "/v5", "operations": [{"id": "x/get",
      "method": "GET", "path": "/x", "params": "p.json"}]})");
  dir.write("schemas/p.json", "{\n  \"type\": \"object\",\n  \"properties\": {,}\n}\n");
  try {
    ContractRegistry::load(FileSource::directory(dir.str()), true);
    FAIL("no StartupError");
  } catch (const pinsmock::StartupError& e) {
    CHECK_THAT(e.what(), Catch::Contains("schemas/p.json:3:18: offset 39"));
  }
}

TEST_CASE("ContractRegistry: a date format is checked like valijson's, calendar limits included",
          "[unit][contract_registry]") {
  auto params = [](const char* start) {
    return pinsmock::test::parse_json(std::string(R"({"pin_id": "1", "start_date": ")") + start +
                                      R"(", "end_date": "2026-11-30", "metric_types": ["SAVE"]})");
  };
  const std::string schema = "operations/pins.analytics.params.json";
  CHECK(contracts().validate(schema, params("2026-11-24")).empty());
  CHECK(contracts().validate(schema, params("2024-02-29")).empty());
  CHECK(contracts().validate(schema, params("2026-12-31")).empty());
  for (const char* bad : {"2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "26-1-1",
                          "2026-11-24T00:00:00", "yesterday"}) {
    INFO(bad);
    const auto violations = contracts().validate(schema, params(bad));
    REQUIRE(violations.size() == 1);
    CHECK(violations.front().pointer == "/start_date");
    CHECK(violations.front().message == "String should be a valid date");
  }
}
