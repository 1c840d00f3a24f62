// known_sites.hpp -- BaseRecalibrator's --known-sites: VCF, VCF.gz or BCF, several files.
//
// Every record counts (filtered ones too), spanning POS..POS+rlen-1 (the REF allele, or END
// when given), as htsjdk's VariantContext does. Records are matched to reference contigs by
// name; a record on a contig the reference lacks, or a header contig whose length differs
// from the reference's, is exit 3. Sites are kept per contig sorted by start with a running
// maximum of ends, so overlapping() finds every site touching a span in O(log n + hits).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bqsr/intervals.hpp"

namespace helicase::bqsr {

class KnownSites {
 public:
  KnownSites(const std::vector<std::string>& paths, const ContigDict& reference);

  struct Site {
    std::int64_t start, end;  // 1-based inclusive
  };
  // Sites on reference contig `tid` overlapping [start, end]: fn(site) for each.
  template <class Fn>
  void overlapping(int tid, std::int64_t start, std::int64_t end, Fn&& fn) const {
    if (tid < 0 || static_cast<std::size_t>(tid) >= by_tid_.size()) return;
    const auto& c = by_tid_[static_cast<std::size_t>(tid)];
    // Sites [0, hi) start at or before `end`; walk back while some earlier site may still reach `start`.
    std::size_t lo = 0, hi = c.sites.size();
    while (lo < hi) {
      const std::size_t mid = (lo + hi) / 2;
      if (c.sites[mid].start <= end) lo = mid + 1; else hi = mid;
    }
    for (std::size_t i = lo; i-- > 0;) {
      if (c.max_end[i] < start) break;
      if (c.sites[i].end >= start) fn(c.sites[i]);
    }
  }
  std::uint64_t size() const { return n_sites_; }

 private:
  struct Contig {
    std::vector<Site> sites;
    std::vector<std::int64_t> max_end;  // running maximum of ends
  };
  std::vector<Contig> by_tid_;
  std::uint64_t n_sites_ = 0;
};

}  // namespace helicase::bqsr
