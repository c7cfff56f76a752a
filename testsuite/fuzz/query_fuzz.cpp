// Fuzz target "query": path parameters and query strings (scalars, enums, comma lists and
// repeated keys) through query coercion and the params schema check, as the pipeline's validate
// stage runs them.
// Input: line 1 an operation id ("pins/list"; anything else picks one by its length), line 2 the
// path parameters as a query string ("pin_id=13"), the rest the raw query string.

#include "contract/query_coercion.hpp"
#include "core/error_catalog.hpp"
#include "fuzz_support.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pinsmock;
  using namespace pinsmock::fuzz;
  std::string_view text = as_text(data, size);
  const std::string_view operation_id = take_line(text);
  const std::vector<OperationSpec>& operations = manifest().operations;
  const OperationSpec* operation = manifest().find(operation_id);
  if (!operation)
    operation = &operations[operation_id.size() % operations.size()];
  const Headers path_params = parse_query(take_line(text));
  const Headers query = parse_query(text);

  const json::Value& schema = contracts().schema_document(operation->params_schema);
  Result<json::Document> params = coerce_params(schema, path_params, query);
  if (!params) {
    const ApiError& error = params.error();
    if (error.id != ErrorId::InvalidParameters || error.pointer.empty() || error.detail.empty())
      fail("a coercion failure does not name its parameter", error.detail);
    return 0;
  }
  if (!params->IsObject())
    fail("coerced parameters are not an object", json::dump(*params));
  for (const Violation& violation : contracts().validate(operation->params_schema, *params))
    if (violation.message.empty())
      fail("a parameter violation has no message", violation.pointer);
  return 0;
}
