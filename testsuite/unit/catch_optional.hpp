#pragma once
// Prints std::optional values in unit-test failure messages ("{?} == {?}" says nothing). This is
// what CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER does, which cannot be switched on per target here
// because support/ headers include Catch2 first. Include it in every unit test that compares
// optionals, so the specialization is the same in each translation unit.

#include <catch2/catch.hpp>

#include <optional>
#include <string>

namespace Catch {
template <typename T> struct StringMaker<std::optional<T>> {
  static std::string convert(const std::optional<T>& value) {
    return value ? ::Catch::Detail::stringify(*value) : std::string("{ } (nullopt)");
  }
};
} // namespace Catch
