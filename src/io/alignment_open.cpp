// alignment_open.cpp -- see alignment_open.hpp.
#include "io/alignment_open.hpp"

#include <htslib/bgzf.h>
#include <htslib/cram.h>

namespace helicase {

void require_complete(htsFile* fp, const std::string& path, ErrorKind kind) {
  const htsFormat* format = hts_get_format(fp);
  int eof = 1;  // 0: marker missing; 1: present; 2: cannot be checked (pipe)
  if (format->format == cram) {
    eof = cram_check_EOF(fp->fp.cram);
  } else if (format->compression == bgzf) {
    eof = bgzf_check_EOF(fp->fp.bgzf);
  }
  if (eof == 0) fail(kind, path + ": truncated (no end-of-file marker)");
}

bool decode_threads_safe(htsFile* fp) {
  const htsFormat* format = hts_get_format(fp);
  return format->format == cram || format->compression == bgzf;
}

}  // namespace helicase
