#pragma once
// pins-bench's connection scenarios (issue 8): a new client's latency while other clients hold
// idle, keep-alive or slowloris connections, simultaneous connects, pipelining, stop time.

namespace pinsmock::bench {

/// Prints one table; `samples` new-client requests per latency scenario.
void run_hostile_scenarios(int samples);

} // namespace pinsmock::bench
