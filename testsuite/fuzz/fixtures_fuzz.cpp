// Fuzz target "fixtures": fixture loading (--fixtures-dir) over fuzzed file contents. One file of
// the default set is replaced; loading must either succeed or throw StartupError (never crash, and
// never another exception), and a set that loads must serve GET /pins to each of its accounts
// without an internal error.
// Input: line 1 the file to replace ("pins.json", "media/video_id.json", ...; anything else picks
// one by its length), the rest its contents.

#include "fuzz_support.hpp"
#include "pinsmock/file_source.hpp"
#include "pinsmock/startup_error.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 10> kFiles = {
    "accounts.json",        "boards.json",           "pins.json",
    "analytics.json",       "media/image_url.json",  "media/image_base64.json",
    "media/pin_url.json",   "media/video_id.json",   "media/multiple_image_urls.json",
    "media/multiple_image_base64.json"};

void write_file(const fs::path& path, std::string_view contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
}

// A private copy of the default fixtures on disk, removed at exit.
struct FixtureDir {
  fs::path dir;

  FixtureDir() {
    std::string pattern = (fs::temp_directory_path() / "pinsmock-fuzz-fixtures-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
      pinsmock::fuzz::fail("cannot make a temporary directory", pattern);
    dir = pattern;
    fs::create_directories(dir / "media");
    const pinsmock::FileSource defaults = pinsmock::FileSource::embedded("fixtures/default/");
    for (std::string_view file : kFiles)
      write_file(dir / file, *defaults.read(file));
  }
  ~FixtureDir() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pinsmock;
  using namespace pinsmock::fuzz;
  static const FixtureDir fixtures_dir;
  static const FileSource defaults = FileSource::embedded("fixtures/default/");

  std::string_view text = as_text(data, size);
  const std::string_view name = take_line(text);
  std::string_view file = kFiles[name.size() % kFiles.size()];
  for (std::string_view known : kFiles)
    if (known == name)
      file = known;

  write_file(fixtures_dir.dir / file, text);
  std::shared_ptr<const FixtureSet> loaded;
  try {
    loaded = FixtureSet::load(FileSource::directory(fixtures_dir.dir.string()), contracts());
  } catch (const StartupError&) {
    // The expected answer to a bad file (other exceptions escape: libFuzzer reports them).
  }
  write_file(fixtures_dir.dir / file, *defaults.read(file));
  if (!loaded)
    return 0;

  fuzz::World world(loaded);
  std::size_t served = 0;
  for (const Account& account : loaded->accounts) {
    for (const Token& token : account.tokens) {
      HttpRequest list;
      list.method = "GET";
      list.path = "/v5/pins";
      list.headers.emplace_back("Authorization", "Bearer " + token.token);
      check_answer(list, world.pipeline.handle(list));
      if (++served == 4) // enough to reach every kind of stored pin; keeps an input cheap
        break;
    }
    if (served == 4)
      break;
  }
  check_no_internal_errors(world.pipeline);
  return 0;
}
