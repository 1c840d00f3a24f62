// bqsr_test_util.hpp -- where the BQSR unit tests find the shared test data.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace helicase::test {

// HELICASE_TESTDATA, else ../shared/testdata beside the source root (found from this file).
inline std::string testdata_dir() {
  if (const char* env = std::getenv("HELICASE_TESTDATA"); env && *env) return env;
  const std::filesystem::path here(__FILE__);  // <root>/tests/unit/bqsr_test_util.hpp
  return (here.parent_path().parent_path().parent_path().parent_path() / "shared" / "testdata").lexically_normal().string();
}

inline std::string testdata(const std::string& rel) { return testdata_dir() + "/" + rel; }

}  // namespace helicase::test
