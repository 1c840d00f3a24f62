// hc_reads.hpp -- the reads HaplotypeCaller works on, streamed contig by contig.
//
// ContigReadSource streams a coordinate-sorted SAM/BAM/CRAM and hands back, contig by contig and
// in batches of whole start positions (never a whole contig at once), the reads GATK 4.6.2.0's
// HaplotypeCaller would see: optionally recalibrated with a BQSR report
// (as helicase-applybqsr does it: BI/BD dropped), IUPAC codes turned into N
// (IUPACReadTransformer), the default HC read filters (makeStandardHCReadFilters: MQ >= 20,
// MQ != 255, mapped, not secondary, not duplicate, not QC-failed, reference length > 0, good
// CIGAR, WellformedReadFilter; supplementary reads kept), then per-start reservoir
// downsampling to 50 reads with the run's java.util.Random (seed 47382911). Reads are
// returned in file order (within a start: reservoir order). Contigs come in file order; reads
// on contigs absent from the reference are exit 3 (architecture.md).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "haplotypecaller/assembled_region.hpp"
#include "haplotypecaller/vcf_random.hpp"
#include "runtime/backend.hpp"

namespace helicase::hc {

struct ReadSourceOptions {
  std::string in_bam, reference, recal_file;
  int max_reads_per_start = 50;  // --max-reads-per-alignment-start (0: no downsampling)
  int min_mapq = 20;
};

struct ContigStart {
  std::int32_t tid = -1;  // index in the BAM header
  std::string contig;
};

struct ReadCounts {
  std::uint64_t filtered = 0, downsampled = 0;
};

class ContigReadSource {
 public:
  ContigReadSource(const ReadSourceOptions& opt, const Backend& backend);
  ~ContigReadSource();
  ContigReadSource(const ContigReadSource&) = delete;
  ContigReadSource& operator=(const ContigReadSource&) = delete;
  // Streaming, contig by contig: next_contig() moves to the next contig holding reads (false at
  // the end); pull() then appends that contig's next reads, whole start positions at a time
  // (about `batch` records read), downsampled with rng (the run's shared generator, drawn in
  // file order); false when the contig has no more reads and nothing was appended.
  bool next_contig(ContigStart& out);
  bool pull(std::vector<RegionRead>& out, JavaRandom& rng, ReadCounts& counts, std::size_t batch = 20000);
  std::vector<std::pair<std::string, std::int64_t>> header_contigs() const;
  std::string sample_name() const;  // the @RG lines' one SM (exit 3 when none or several)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// GATK's CigarUtils.isGood (GoodCigarReadFilter): no adjacent I/D elements, no D as first or
// last element once clips are ignored, not only clips.
bool good_cigar(const std::vector<std::uint32_t>& cigar);

// PositionalDownsampler + ReservoirDownsampler over reads sorted by start: keeps at most
// `target` reads per start position, drawing slots from rng. Returns the number dropped.
std::uint64_t downsample_per_start(std::vector<RegionRead>& reads, int target, JavaRandom& rng);

}  // namespace helicase::hc
