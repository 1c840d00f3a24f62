// bwa_options.hpp -- `bwa mem` option syntax for helicase-align's --bwa-options.
//
// parse_bwa_options() applies "-k 19 -w100 -Y ..." to a MemOptions as bwa 0.7.17's
// main_mem does, including the rescaling of the other scores when -A is given
// (update_a) and "-O 6,6" / "-E 1,1" / "-L 5,5" pairs; it fills the scoring matrix.
// Supported: -k -w -d -r -c -A -B -O -E -L -U -T -M -Y -K. Anything else is a usage
// error (exit 2) naming the option.
#pragma once

#include <string>

#include "align/mem_types.hpp"

namespace helicase::align {

// Defaults of helicase-align: bwa's, with -K 100000000 (the Best Practices value).
MemOptions default_align_options();

void parse_bwa_options(const std::string& text, MemOptions& opt);

}  // namespace helicase::align
