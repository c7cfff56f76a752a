#pragma once
// The non-throughput figures of pins-bench: the program's start (first answer after exec, idle
// resident memory, reset time), memory per stored pin, fixture loading and behaviour at scale.

#include <string>

namespace pinsmock::bench {

struct StartupFigures {
  double first_answer_ms = -1; // exec to the first 200 answer
  long idle_rss_kib = -1;      // the program's VmRSS right after that answer
  double reset_ms = -1;        // median of POST /__admin/reset with the default fixtures
};

/// Execs `program` on a free port, times its first answer, reads its RSS, times resets.
StartupFigures measure_startup(const std::string& program, const std::string& token,
                               const std::string& pin_id);

struct MemoryFigures {
  int pins = 0;
  double kib_per_pin = 0;
};

/// Resident growth of this process per pin over `pins` creates in an in-process mock.
MemoryFigures measure_memory(int pins, const std::string& create_body);

struct SessionFigures {
  int sessions = 0;
  double kib_per_session = 0;             // resident growth per new session
  double kib_per_session_after_get = 0;   // the same once each answered one GET /pins
};

/// Resident growth of this process per session over `sessions` new sessions of an in-process
/// mock (the default fixtures), before and after one request in each.
SessionFigures measure_sessions(int sessions);

struct FixtureFigures {
  int pins = 0;
  double load_ms = 0;    // constructing a MockServer with the generated set
  double default_ms = 0; // the same with the default set (the fixed cost: contracts, boards)
};

/// Writes the default fixtures plus `pins` generated pins to a temporary directory (from
/// `fixtures_dir`) and times loading them.
FixtureFigures measure_fixture_load(const std::string& fixtures_dir, int pins);

struct ScaleFigures {
  int small_pins = 0, large_pins = 0;
  double get_p50_small_us = 0, get_p50_large_us = 0;
  double page_p50_small_us = 0, page_p50_large_us = 0;
  double walk_first_tenth_us_per_page = 0, walk_last_tenth_us_per_page = 0;
  int walk_pages = 0;
  double walk_seconds = 0;
  double load_seconds = 0; // loading the large set (fixtures)
};

/// GET and a 25-pin page at 1,000 pins and at `pins`, plus a bookmark walk over `pins`.
ScaleFigures measure_scale(const std::string& fixtures_dir, int pins);

} // namespace pinsmock::bench
