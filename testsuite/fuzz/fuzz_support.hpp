#pragma once
// Shared by the fuzz targets (DESIGN B13): the built-in contracts and fixtures, a fresh mock world
// per input, a readable text form of requests for corpora, and the invariants every answer keeps.
// No Catch2 and no sockets: the same code runs under libFuzzer and in the CTest replay driver.

#include "api/services.hpp"
#include "contract/manifest.hpp"
#include "core/api_types.hpp"
#include "fixtures/fixture_set.hpp"
#include "pinsmock/contract_registry.hpp"
#include "server/pipeline.hpp"
#include "server/sessions.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pinsmock::fuzz {

/// The built-in contracts (tolerant formats, as pins-mock serves by default), loaded once.
const ContractRegistry& contracts();
/// The manifest of the built-in contracts, parsed once.
const Manifest& manifest();
/// The built-in default fixture set, loaded once.
const std::shared_ptr<const FixtureSet>& default_fixtures();

/// The token of the default fixtures' creator with every scope: requests without an
/// Authorization line get it, so inputs spend their time past authentication.
inline constexpr std::string_view kDefaultAuthorization = "Bearer pina_mock_creator_full";

/// A fresh mock state over a fixture set, answering as the in-process test server does
/// (responses checked in Enforce mode, so a contract-breaking answer is an internal error).
struct World {
  explicit World(std::shared_ptr<const FixtureSet> fixtures = default_fixtures());

  /// Back to the state of a fresh world (store, ids, clock, journal, coverage, no sessions), as
  /// POST /__admin/reset plus DELETE /__admin/requests do: cheaper than a new World per input.
  void reset();

  Sessions sessions;
  Pipeline pipeline;
};

/// The fuzz input as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Splits off the first line ("\n" excluded; a trailing "\r" too). `text` keeps the rest.
std::string_view take_line(std::string_view& text);

/// Percent-decoding as cpp-httplib applies it (invalid escapes stay literal); in a query, '+' is a
/// space.
std::string percent_decode(std::string_view text, bool plus_is_space);

/// "a=1&b=2&a=3" -> decoded pairs in order (a key without '=' gets an empty value).
Headers parse_query(std::string_view query);

/// Requests in the corpus text form, separated by a line "---":
///   METHOD TARGET            e.g. "POST /v5/pins" or "GET /v5/pins?page_size=2"
///   Name: value              optional header lines; without Authorization the default token
///                            is sent, and "Authorization: -" sends none
///   (one empty line, optional)
///   body                     everything up to the separator, byte for byte
/// A target is percent-decoded as cpp-httplib does (path, then query pairs).
std::vector<HttpRequest> parse_requests(std::string_view text);

/// Stops the process with a message when an invariant fails: libFuzzer records the input.
[[noreturn]] void fail(std::string_view what, std::string_view detail);

/// The invariants of every answer (PINSMOCK_FUZZ_TRACE=1 in the environment prints each exchange):
/// a real status, well-formed UTF-8 in body and headers, a JSON body (when there is one) and, for
/// 4xx/5xx, a Pinterest-shaped {code, message} error.
void check_answer(const HttpRequest& request, const HttpResponse& response);

/// No internal errors: the mock never answered against its own contracts nor threw.
void check_no_internal_errors(const Pipeline& pipeline);

} // namespace pinsmock::fuzz
