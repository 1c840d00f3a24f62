// fai_dict.hpp -- the FASTA index (.fai, and .gzi for BGZF) and the sequence dictionary (.dict).
//
// The .fai/.gzi come from HTSlib's fai_build3, the code samtools faidx runs, written to the
// given (temporary) paths; HTSlib cannot index plain gzip, and neither can samtools.
// The .dict is what Picard 2.27.5 CreateSequenceDictionary writes: "@HD\tVN:1.6", then per
// contig "@SQ\tSN:<name>\tLN:<length>\tM5:<md5 of upper-cased bases>\tUR:file:<absolute
// FASTA path as Java's File.getAbsolutePath() gives it>".
#pragma once

#include <string>
#include <vector>

#include "reference/bns_files.hpp"

namespace helicase::reference {

// Builds fai_path (and gzi_path for BGZF input) from the FASTA; exit 4 when HTSlib fails.
void write_fai(const std::string& fasta, const std::string& fai_path, const std::string& gzi_path);

// Picard's default dictionary path: the prefix without a FASTA extension (.fasta .fas .fa
// .fna .txt, each optionally + .gz), then ".dict"; a prefix without one just gets ".dict".
std::string dict_path_for(const std::string& prefix);

// "file:" + the path made absolute against the working directory, not normalised (Java).
std::string java_file_uri(const std::string& path);

std::string format_dict(const BnsInfo& bns, const std::vector<std::string>& md5, const std::string& uri);

}  // namespace helicase::reference
