#pragma once
// A JSON text's signature with the values of its numbers left out: the key of the response
// check's verdict cache (server/verdict_cache.hpp).

#include "pinsmock/json.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace pinsmock::json {

/// Encodes the value's structure, member names (in order), strings, booleans and nulls exactly,
/// and each number as its RapidJSON number class only: which of IsInt, IsUint, IsInt64, IsUint64
/// and IsDouble hold for it. Texts with equal signatures parse to documents that differ at most in
/// the values of numbers of the same class, so a schema check that reads numbers only through
/// those predicates (no minimum, maximum, multipleOf, numeric enum/const, uniqueItems) gives them
/// the same verdict. Unambiguous (strings are length-prefixed). nullopt when RapidJSON's reader
/// refuses the text; parse_into refuses the same texts or texts whose strings are ill-formed
/// UTF-8, and those strings are part of the signature.
std::optional<std::string> number_blind_signature(std::string_view text);

} // namespace pinsmock::json
