// locus_activity.hpp -- HaplotypeCallerEngine.isActive for one sample, locus by locus, and the
// active regions the activity profile cuts from it (GATK 4.6.2.0).
//
// Each locus' pileup (reads covering it with an aligned base or a deletion, in read order) gives
// ReferenceConfidenceModel.calcGenotypeLikelihoodsOfRefVsAny(ploidy max(2, P), minBaseQual 10,
// not realigned): bases with quality <= 10 skipped, deletions at quality 30, an element is
// "alt" when its base differs from the reference or it is a deletion or sits next to an
// indel or a soft clip; alt elements next to a soft clip add the read's count of soft-clipped
// bases with quality > 28 to a running average. The locus probability is the single-sample
// bi-allelic non-ref posterior (hc_math.hpp). The states of each interval feed one
// BandPassActivityProfile exactly as AssemblyRegionIterator does (pop before each add, forced
// at the end); only active regions are returned.
#pragma once

#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "common/thread_pool.hpp"
#include "haplotypecaller/activity_profile.hpp"
#include "haplotypecaller/assembled_region.hpp"

namespace helicase::hc {

struct LocusState {
  double prob = 0.0;
  double hq_soft_clips = 0.0;  // mean; the profile spreads when > 6
};

// States of loci [begin, end) from reads sorted by start (RegionRead::pos/cigar: the record's
// alignment). ref is the whole contig sequence (upper case).
std::vector<LocusState> locus_states(const std::vector<RegionRead>& reads, const std::string& ref, std::int64_t begin,
                                     std::int64_t end, int ploidy);
// The same states computed on `pool`, the range split in contiguous parts (each locus's value
// does not depend on the split: its reads are taken in the same order). pool may be null.
std::vector<LocusState> locus_states_parallel(const std::vector<RegionRead>& reads, const std::string& ref,
                                              std::int64_t begin, std::int64_t end, int ploidy, ThreadPool* pool);

// The active regions of one traversal interval [begin, end) (0-based), fed read by read so that
// only a window of reads is held. Loci no read covers have probability 0 and, far from reads,
// the profile only holds inactive states, which never move an active region's boundaries: each
// block of covered loci is run from `lead` loci before it (the farthest a state spreads back)
// to `tail` loci after it (by then every pending active region has been popped), and the zeros
// beyond are skipped; the interval's last block is flushed (forced) at the interval end, as
// GATK does. The regions do not depend on how the reads are split between calls.
class ActiveRegionScanner {
 public:
  // pool: computes the loci's states in parallel (optional; same regions either way).
  ActiveRegionScanner(const std::string& ref, std::int64_t begin, std::int64_t end, int ploidy,
                      const ActivityProfileParams& params = {}, ThreadPool* pool = nullptr);
  // The next read in start order (its record span [pos, original_end)).
  void add_read(std::int64_t pos, std::int64_t original_end);
  // Every read starting before `known` has been added and `reads` (sorted by start) holds every
  // added read that covers a locus >= floor(): runs the profile as far as that settles and
  // appends the active regions popped to out.
  void advance(const std::vector<RegionRead>& reads, std::int64_t known, std::vector<ProfileRegion>& out);
  // No more reads: runs to the end (forced pop at the interval end).
  void finish(const std::vector<RegionRead>& reads, std::vector<ProfileRegion>& out);
  // No region popped later starts before this locus, and no locus before it is read again.
  std::int64_t floor() const;

 private:
  void run(const std::vector<RegionRead>& reads, std::int64_t known, bool all, std::vector<ProfileRegion>& out);
  const std::string& ref_;
  std::int64_t begin_, end_;
  int ploidy_;
  ActivityProfileParams params_;
  std::int64_t lead_, tail_;
  std::deque<std::pair<std::int64_t, std::int64_t>> blocks_;  // covered loci, last one still growing
  std::optional<BandPassActivityProfile> profile_;            // of blocks_.front()
  std::int64_t next_ = 0;                                     // next locus to add to profile_
  ThreadPool* pool_ = nullptr;
  // Reads starting before known_ have all been added (the last advance()); finished_ after finish().
  std::int64_t known_ = std::numeric_limits<std::int64_t>::min();
  bool finished_ = false;
};

// The active regions of one traversal interval [begin, end) (0-based).
std::vector<ProfileRegion> active_regions(const std::vector<RegionRead>& reads, const std::string& ref,
                                          std::int64_t begin, std::int64_t end, int ploidy,
                                          const ActivityProfileParams& params = {});

}  // namespace helicase::hc
