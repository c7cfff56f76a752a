#pragma once
// Before any test runs, the suite makes sure it talks to the Pinterest API: one authenticated
// request that must come back Pinterest-shaped. Otherwise tests that find "nothing to check"
// would pass against a server that is not there.

#include "target.hpp"

#include <optional>
#include <string>

namespace pinsmock::test {

/// One line saying why the target is not a usable Pinterest API (unreachable, HTML, wrong base
/// URL, token refused), with the fix where one is known; nullopt when it is.
std::optional<std::string> preflight(Target &target);

} // namespace pinsmock::test
