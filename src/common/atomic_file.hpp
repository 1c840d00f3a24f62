// atomic_file.hpp -- write outputs under a temporary name, rename on success.
//
// AtomicOutput reserves "<dir>/.<name>.helicase-tmp.<pid>.<n>" beside the target (same
// file system, so rename() is atomic). Write to temp_path(); commit() renames it to the
// final path. If the object is destroyed without commit() (an error unwinds the stack),
// the temporary file is removed, so a failed run never leaves a truncated file under the
// final name. Companion files (an index) get their own AtomicOutput and are committed
// after the main file. A target that exists and is not a regular file (/dev/stdout, a
// named pipe) is written in place: there is nothing to rename.
#pragma once

#include <string>

namespace helicase {

class AtomicOutput {
 public:
  explicit AtomicOutput(std::string final_path);
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  AtomicOutput(AtomicOutput&& other) noexcept;
  AtomicOutput& operator=(AtomicOutput&&) = delete;

  const std::string& temp_path() const { return temp_; }
  const std::string& final_path() const { return final_; }

  // Renames temp -> final (exit 4 on failure). Idempotent.
  void commit();
  // Removes the temporary file now.
  void abandon();

 private:
  std::string final_;
  std::string temp_;
  bool done_ = false;
  bool direct_ = false;
};

// Fails with exit 4 (naming the path) unless `path` can be opened for reading.
void require_readable(const std::string& path);

// Fails with exit 4 unless the folder that would hold `path` exists and is writable.
void require_writable_dir_for(const std::string& path);

}  // namespace helicase
