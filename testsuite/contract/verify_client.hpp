#pragma once

namespace pinsmock::test {

/// `pins-contract verify-client [options] -- COMMAND ARGS...`: runs a client against a fresh
/// in-process pins-mock and reports its requests, contract violations and coverage.
/// Exit status: 0 clean; 1 violations recorded (unless --allow-violations); 3 the command failed
/// or timed out; 2 usage or start-up error.
int run_verify_client(int argc, char** argv);

} // namespace pinsmock::test
