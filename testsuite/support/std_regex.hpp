#pragma once
// <regex> for the few tests that use std::regex as an oracle or a scanner, and for Catch2's runner
// (pins-contract's main.cpp), which compiles one. Under -fsanitize=address,undefined, g++ 12
// reports -Wmaybe-uninitialized inside libstdc++'s regex compiler (regex_automaton.h,
// `_StateT __tmp`), a false positive in code not ours that -Werror turns into a failed
// ./dev sanitize. Include this before anything else that may pull in <regex>.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <regex>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
