// markdup_options.hpp -- what a helicase-markdup run is asked to do.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "markdup/read_end_key.hpp"

namespace helicase::markdup {

enum class InputOrder { Coordinate, Queryname };

struct MarkdupOptions {
  std::string in_bam;
  std::string out_bam;
  std::string out_metrics;
  std::string reference;  // FASTA for CRAM input or output
  int optical_pixel_distance = 100;
  // "" = Picard's default (fast path over the last three ':' fields); "null" turns optical
  // detection off (Picard's READ_NAME_REGEX=null); anything else is a regex.
  std::string read_name_regex;
  kernels::DuplicateScoring scoring = kernels::DuplicateScoring::SumOfBaseQualities;
  std::optional<InputOrder> assume_sort_order;  // else the header's SO (coordinate if none)
  bool remove_duplicates = false;
  bool add_pg_tag = true;
  int compression_level = 5;  // BAM deflate level; Picard's default COMPRESSION_LEVEL is 5
  std::size_t max_optical_set_size = 300000;
  std::size_t batch_records = 100000;  // records per kernel batch; outputs never depend on it
  // For the @PG line and the metrics header.
  std::string program_id = "helicase-markdup";
  std::string program_version;
  std::string command_line;
  bool progress = true;
};

}  // namespace helicase::markdup
