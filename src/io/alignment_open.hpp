// alignment_open.hpp -- the checks every SAM/BAM/CRAM reader makes right after sam_open()
// (require_complete serves BGZF-compressed VCF/BCF readers too).
//
// require_complete(): a BGZF (BAM, bgzipped SAM) or CRAM file without its end-of-file marker
// was cut short; cut at a block boundary it would decode as a shorter, valid file, so it is
// refused (exit 3). Pipes and other unseekable inputs cannot be checked and pass.
// decode_threads_safe(): HTSlib 1.16 parses plain SAM text on its thread pool with a reader that
// waits forever after a malformed record (and can stall at the end of small files); decoding
// threads are attached only to BGZF or CRAM input.
#pragma once

#include <htslib/sam.h>

#include <string>

#include "common/error.hpp"

namespace helicase {

// `kind`: the error a truncated file is (bad data for users' files; a tool's own temporary files
// may say otherwise).
void require_complete(htsFile* fp, const std::string& path, ErrorKind kind = ErrorKind::BadData);
bool decode_threads_safe(htsFile* fp);

}  // namespace helicase
