#pragma once
// HTTP-library-free request and response types shared by the pipeline and the handlers.

#include "pinsmock/json.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pinsmock {

using Headers = std::vector<std::pair<std::string, std::string>>;

/// A request as it arrived, before routing (decoded query pairs, in order).
struct HttpRequest {
  std::string method;
  std::string path;
  Headers query;
  Headers headers;
  std::string body;

  /// The first header with this name (case-insensitive), if any.
  std::optional<std::string> header(std::string_view name) const;
};

/// How the transport delivers an answer: whole and on time (the default), late, or broken on
/// purpose (failure simulation). The pipeline decides; only the server's connection layer acts.
struct WireEffect {
  enum class Fault {
    None,
    ConnectionReset, // the connection is reset (RST) instead of answered
    EmptyResponse,   // the connection closes without a byte
    TruncatedBody,   // status line and headers, part of the body, then close
    SlowBody,        // the body dribbles out over body_duration
  };
  std::chrono::milliseconds delay{0}; // before the first byte of the answer
  Fault fault = Fault::None;
  std::chrono::milliseconds body_duration{0}; // SlowBody: how long the body takes

  bool is_plain() const { return delay.count() == 0 && fault == Fault::None; }
};

/// A response ready to be written by the server adapter.
struct HttpResponse {
  int status = 200;
  std::string body; // empty for 204
  std::string content_type = "application/json";
  Headers headers;
  WireEffect wire; // how the connection layer delivers it
};

/// Business Access roles that may act on pins, by board privacy (from the manifest).
struct AccessRoles {
  std::vector<std::string> public_roles; // public and protected boards
  std::vector<std::string> secret_roles;
};

/// Who is asking (the token's user) and for whom (the operation user).
struct Principal {
  std::string token_user;
  std::vector<std::string> scopes;
  std::string operation_user;       // the token user, or the owner of `ad_account_id`
  std::optional<std::string> role;  // the token user's Business Access role when acting for another
  AccessRoles allowed_roles;        // this operation's role lists

  bool has_scope(std::string_view scope) const;
};

/// A routed, authenticated and validated request, as the handlers see it.
struct ApiRequest {
  std::string operation_id;
  Principal principal;
  json::Document params; // path + query parameters, typed after coercion (an object)
  json::Document body;   // the JSON body (Null when there is none)
};

/// A body a handler wrote as bytes instead of a document (DESIGN B13 "Bytes at rest").
struct RenderedBody {
  enum class Kind {
    Pin,     // one stored Pin, checked against components/pin.json when it was written
    PinList, // {"items": [stored Pins], "bookmark": ...}: only the envelope is left to check
    Json,    // generated without a DOM (analytics): checked like any document
  };
  Kind kind = Kind::Json;
  std::string bytes;
  std::optional<std::string> bookmark; // PinList: the envelope's bookmark (null when none)
  /// Write-time violations of the pins it carries (ValidationMode::Report kept them).
  std::vector<std::string> violations;
  /// pin_metrics objects were spliced in: they were never checked, so check the whole body.
  bool spliced_metrics = false;
};

/// What a handler answers: a status and a JSON body (Null for "no body", e.g. 204), or the
/// body's bytes when it was rendered without a document.
struct ApiResponse {
  int status = 200;
  json::Document body;
  std::optional<RenderedBody> rendered;

  /// A body either way (rendered bytes or a non-Null document).
  bool has_body() const { return rendered.has_value() || !body.IsNull(); }
  Headers headers;
  std::string error_name; // the error catalog name when this is an error answer
};

} // namespace pinsmock
