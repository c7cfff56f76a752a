#pragma once
// A deliberately wrong Pinterest: forwards to a real pins-mock and breaks a few answers in known
// ways, so the contract suite can be shown to catch them.

#include <memory>
#include <string>

namespace pinsmock::test {

struct Breaks {
  bool integer_ids = true;          // POST /pins answers "id" as a JSON number
  bool skip_first_item_of_later_pages = true; // GET /pins with a bookmark drops one pin
  bool ok_on_delete = true;         // DELETE answers 200 "{}" instead of 204
  bool drop_error_code = true;      // 404 bodies lose "code"
};

class BreakingProxy {
public:
  BreakingProxy(std::string upstream_origin, Breaks breaks);
  ~BreakingProxy();
  /// "http://127.0.0.1:<port>/v5"
  std::string base_url() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace pinsmock::test
