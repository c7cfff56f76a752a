#pragma once
// RAII: creates a pin on the target and deletes it at scope exit, also when an assertion fails,
// so a live account is left as it was found.

#include "support/samples.hpp"
#include "target.hpp"

#include <catch2/catch.hpp>

namespace pinsmock::test {

/// A title no other run uses (tests against a shared live account).
std::string unique_title(const std::string& what);

class ScopedPin {
public:
  /// Creates a pin from fixtures/requests/<sample>.json on the target's board.
  explicit ScopedPin(const std::string& sample_name = "pins.create.image_url",
                     const std::string& board_id = "");
  ~ScopedPin();
  ScopedPin(const ScopedPin&) = delete;
  ScopedPin& operator=(const ScopedPin&) = delete;

  const ApiResult& created() const { return created_; }
  const std::string& id() const { return id_; }
  const std::string& title() const { return title_; }
  /// Forget the pin (the test deleted it itself).
  void release();

private:
  ApiResult created_;
  std::string id_;
  std::string title_;
};

/// A create body for the target's board: the sample with a unique title and board_id replaced.
std::string create_body(const std::string& sample_name, const std::string& title,
                        const std::string& board_id);

} // namespace pinsmock::test
