#include "admin/world_admin.hpp"

#include "admin/admin_handlers.hpp"
#include "core/error_catalog.hpp"
#include "core/utf8.hpp"
#include "fixtures/fixture_items.hpp"

namespace pinsmock {
namespace {

HttpResponse error_answer(ErrorId id, std::string detail, std::string pointer = "") {
  return json_answer(error_spec(id).status,
                     error_body(ApiError{id, std::move(detail), std::move(pointer)}));
}

// A 400 naming the field: "/tokens/0/scopes: expected an array".
HttpResponse problem_answer(const FixtureProblem& problem) {
  return error_answer(ErrorId::InvalidBody,
                      (problem.pointer.empty() ? "/" : problem.pointer) + ": " + problem.what,
                      problem.pointer);
}

std::optional<json::Document> body_of(const HttpRequest& request, HttpResponse& refusal) {
  json::Document doc;
  if (auto err = json::parse_into(doc, request.body)) {
    refusal = error_answer(ErrorId::MalformedJson, "Request body is not JSON: " + err->message +
                                                       " (at offset " +
                                                       std::to_string(err->offset) + ").");
    return std::nullopt;
  }
  return doc;
}

HttpResponse export_state(AdminContext& context) {
  return json_answer(200, export_state(context.world->world));
}

HttpResponse import_state(const HttpRequest& request, AdminContext& context) {
  HttpResponse refusal;
  auto doc = body_of(request, refusal);
  if (!doc)
    return refusal;
  WorldAdmin& admin = *context.world;
  Result<FixtureSnapshot> set =
      read_state(*doc, admin.contracts, admin.utc_created_at, "state");
  if (!set)
    return error_answer(ErrorId::InvalidBody, set.error().detail, set.error().pointer);
  apply_state(admin.world, admin.adopt ? admin.adopt(*set) : *set);
  json::Document body(rapidjson::kObjectType);
  body.AddMember("status", "imported", body.GetAllocator());
  body.AddMember("pins", static_cast<std::uint64_t>(admin.world.store.size()), body.GetAllocator());
  return json_answer(200, body);
}

// Adds one item to a copy of the fixtures and swaps it in; answers 201 with the item as stored.
template <typename Add>
HttpResponse add_item(const HttpRequest& request, AdminContext& context, Add add) {
  HttpResponse refusal;
  auto doc = body_of(request, refusal);
  if (!doc)
    return refusal;
  json::Document answer(rapidjson::kObjectType);
  try {
    context.world->world.fixtures.edit([&](FixtureSet& set) {
      json::Value item = add(*doc, set, answer.GetAllocator());
      static_cast<json::Value&>(answer).Swap(item);
    });
  } catch (const FixtureProblem& problem) {
    return problem_answer(problem);
  } catch (const ApiError& error) {
    return error_answer(error.id, error.detail, error.pointer);
  }
  return json_answer(201, answer);
}

HttpResponse add_account(const HttpRequest& request, AdminContext& context) {
  const WorldAdmin& admin = *context.world;
  return add_item(request, context, [&](const json::Value& body, FixtureSet& set, json::Allocator& a) {
    Account account = account_from_json(body, set, "");
    // Tokens address one world each: a token another session has is refused here.
    if (admin.claim_tokens)
      if (auto taken = admin.claim_tokens(account))
        throw *taken;
    set.accounts.push_back(std::move(account));
    return to_json(set.accounts.back(), a);
  });
}

HttpResponse add_board(const HttpRequest& request, AdminContext& context) {
  return add_item(request, context, [](const json::Value& body, FixtureSet& set, json::Allocator& a) {
    set.boards.push_back(board_from_json(body, set, ""));
    return to_json(set.boards.back(), a);
  });
}

HttpResponse add_section(const HttpRequest& request, AdminContext& context,
                         const std::string& board_id) {
  return add_item(request, context, [&](const json::Value& body, FixtureSet& set, json::Allocator& a) {
    Section section = section_from_json(body, set, "");
    for (Board& board : set.boards)
      if (board.id == board_id) {
        board.sections.push_back(std::move(section));
        return to_json(board.sections.back(), a);
      }
    throw ApiError{ErrorId::BoardNotFound, "", ""};
  });
}

// A pins.json entry; "owner" defaults to the board's owner and "id" to the mock's next id, so
// a test needs to say only what matters to it (board, created_at, ...).
HttpResponse seed_pin(const HttpRequest& request, AdminContext& context) {
  HttpResponse refusal;
  auto doc = body_of(request, refusal);
  if (!doc)
    return refusal;
  WorldAdmin& admin = *context.world;
  const FixtureSnapshot set = admin.world.fixtures.get();
  auto& a = doc->GetAllocator();
  json::Value* pin = doc->IsObject() ? json::find(*doc, "pin") : nullptr;
  if (doc->IsObject() && json::find(*doc, "sequence"))
    return problem_answer({"/sequence", "set by the mock (seeded pins are the newest)"});
  bool needs_id = false;
  if (pin && pin->IsObject()) {
    // Checked with a stand-in id first, so a refused pin uses up none of the mock's ids.
    needs_id = !json::find(*pin, "id");
    if (needs_id)
      json::set(*pin, "id", json::string("0", a), a);
    const std::string board_id(json::get_string(*pin, "board_id").value_or(""));
    const Board* board = set->board(board_id);
    if (!board)
      return problem_answer({"/pin/board_id", "no board with id " + board_id});
    if (!json::find(*doc, "owner"))
      json::set(*doc, "owner", json::string(board->owner, a), a);
  }
  PinRecord record;
  try {
    record = pin_entry_from_json(*doc, *set, admin.contracts, admin.utc_created_at, "");
    if (needs_id) {
      json::set(*pin, "id", json::string(admin.world.ids.next_pin_id(), a), a);
      record = pin_entry_from_json(*doc, *set, admin.contracts, admin.utc_created_at, "");
    }
  } catch (const FixtureProblem& problem) {
    return problem_answer(problem);
  }
  const std::string id = record.id;
  PinPtr stored = admin.world.store.insert(std::move(record));
  if (!stored)
    return problem_answer({"/pin/id", "a pin with id " + id + " exists already"});
  HttpResponse response;
  response.status = 201;
  response.body = stored->json;
  return response;
}

constexpr std::string_view kBoards = "/boards/";
constexpr std::string_view kSections = "/sections";

} // namespace

std::optional<HttpResponse> handle_world_admin(const HttpRequest& request, std::string_view path,
                                               AdminContext& context) {
  if (!context.world)
    return std::nullopt;
  const std::string& method = request.method;
  auto not_allowed = [&](std::string_view allowed) {
    return error_answer(ErrorId::MethodNotAllowed, "Method " + utf8::excerpt(method) +
                                                       " is not allowed here (allowed: " +
                                                       std::string(allowed) + ").");
  };
  if (path == "/state") {
    if (method == "GET")
      return export_state(context);
    if (method == "PUT")
      return import_state(request, context);
    return not_allowed("GET, PUT");
  }
  if (path == "/pins")
    return method == "POST" ? seed_pin(request, context) : not_allowed("POST");
  if (path == "/boards")
    return method == "POST" ? add_board(request, context) : not_allowed("POST");
  if (path.size() > kBoards.size() + kSections.size() && path.substr(0, kBoards.size()) == kBoards &&
      path.substr(path.size() - kSections.size()) == kSections) {
    const std::string board_id(
        path.substr(kBoards.size(), path.size() - kBoards.size() - kSections.size()));
    if (board_id.find('/') != std::string::npos)
      return std::nullopt;
    return method == "POST" ? add_section(request, context, board_id) : not_allowed("POST");
  }
  if (path == "/accounts" && method == "POST")
    return add_account(request, context);
  return std::nullopt;
}

} // namespace pinsmock
