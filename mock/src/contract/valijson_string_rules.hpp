#pragma once
// Part of the one valijson TU: included only by contract_registry.cpp, after valijson.
//
// The string keywords valijson would check with std::regex (pattern, date formats; libstdc++'s
// regex recurses per character) or by counting a C string's characters (minLength, maxLength:
// stops at U+0000, reads past its table on a run of continuation bytes). Each is renamed in the
// copy valijson parses to a keyword of ours, answered by string_checks in linear time.

#include "contract/string_checks.hpp"
#include "core/utf8.hpp"
#include "pinsmock/json.hpp"
#include "pinsmock/startup_error.hpp"

#include <valijson/constraint_builder.hpp>
#include <valijson/constraints/concrete_constraints.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>

#include <memory>
#include <new>
#include <stdexcept>
#include <string>

namespace pinsmock::string_rules {

struct StringKeyword {
  std::string_view name;
  std::string_view ours;
};
constexpr StringKeyword kStringKeywords[] = {
    {"pattern", "x-pinsmock-pattern"},
    {"format", "x-pinsmock-format"},
    {"minLength", "x-pinsmock-minLength"},
    {"maxLength", "x-pinsmock-maxLength"},
};

class StringRule : public valijson::constraints::PolyConstraint {
public:
  enum class Kind { Pattern, Format, MinLength, MaxLength };
  StringRule(Kind kind, std::shared_ptr<const Pattern> pattern, std::string format,
             std::uint64_t bound)
      : kind_(kind), pattern_(std::move(pattern)), format_(std::move(format)), bound_(bound) {}

  bool validate(const valijson::adapters::Adapter& target, const std::vector<std::string>& context,
                valijson::ValidationResults* results) const override {
    if (!target.isString())
      return true; // these keywords constrain strings only (strict types)
    const std::string text = target.getString();
    std::string failure;
    switch (kind_) {
    case Kind::Pattern:
      if (!pattern_->matches(text))
        failure = "String does not match the pattern '" + pattern_->source() + "'.";
      break;
    case Kind::Format:
      if (!matches_format(format_, text))
        failure = "String should be a valid " + format_;
      break;
    case Kind::MinLength:
      if (utf8::code_points(text) < bound_)
        failure = "String should be no fewer than " + std::to_string(bound_) +
                  " characters in length.";
      break;
    case Kind::MaxLength:
      if (utf8::code_points(text) > bound_)
        failure = "String should be no more than " + std::to_string(bound_) +
                  " characters in length.";
      break;
    }
    if (failure.empty())
      return true;
    if (results)
      results->pushError(context, failure);
    return false;
  }

private:
  Constraint* cloneInto(void* memory) const override { return new (memory) StringRule(*this); }
  size_t sizeOf() const override { return sizeof(StringRule); }

  Kind kind_;
  std::shared_ptr<const Pattern> pattern_;
  std::string format_;
  std::uint64_t bound_;
};

class StringRuleBuilder : public valijson::ConstraintBuilder {
public:
  explicit StringRuleBuilder(StringRule::Kind kind) : kind_(kind) {}

  valijson::constraints::Constraint* make(const valijson::adapters::Adapter& value) const override {
    switch (kind_) {
    case StringRule::Kind::Pattern:
      return new StringRule(kind_, std::make_shared<const Pattern>(value.asString()), "", 0);
    case StringRule::Kind::Format:
      return new StringRule(kind_, nullptr, value.asString(), 0);
    default:
      return new StringRule(kind_, nullptr, "", static_cast<std::uint64_t>(value.asInteger()));
    }
  }

private:
  StringRule::Kind kind_;
};

// Renames the string keywords in a schema document (the copy valijson parses) and checks each
// pattern is one string_checks can run, so a contract it cannot honour fails at load. Values of
// enum/const/default/examples are data, not schemas, and are left alone.
inline void adopt_string_keywords(json::Value& node, json::Allocator& alloc, const std::string& file) {
  if (node.IsArray()) {
    for (auto& item : node.GetArray())
      adopt_string_keywords(item, alloc, file);
    return;
  }
  if (!node.IsObject())
    return;
  for (auto& member : node.GetObject()) {
    const std::string_view key(member.name.GetString(), member.name.GetStringLength());
    if (key == "enum" || key == "const" || key == "default" || key == "examples")
      continue;
    for (const StringKeyword& keyword : kStringKeywords) {
      if (key != keyword.name)
        continue;
      const bool is_length = key == "minLength" || key == "maxLength";
      if (is_length ? !member.value.IsUint64() : !member.value.IsString())
        break; // a property that happens to have this name: its value is a schema
      if (key == "pattern") {
        try {
          Pattern check(member.value.GetString());
        } catch (const std::invalid_argument& e) {
          throw StartupError(file + ": " + e.what());
        }
      }
      if (key == "format" && !is_checked_format(member.value.GetString()))
        break; // other formats: valijson checks none of them
      member.name = json::string(keyword.ours, alloc);
      break;
    }
    adopt_string_keywords(member.value, alloc, file);
  }
}

/// Registers a builder for each keyword of ours with `parser`.
inline void add_builders(valijson::SchemaParser& parser) {
  parser.addConstraintBuilder("x-pinsmock-pattern", new StringRuleBuilder(StringRule::Kind::Pattern));
  parser.addConstraintBuilder("x-pinsmock-format", new StringRuleBuilder(StringRule::Kind::Format));
  parser.addConstraintBuilder("x-pinsmock-minLength",
                              new StringRuleBuilder(StringRule::Kind::MinLength));
  parser.addConstraintBuilder("x-pinsmock-maxLength",
                              new StringRuleBuilder(StringRule::Kind::MaxLength));
}

} // namespace pinsmock::string_rules
