// pairhmm_batch.hpp -- host storage of a PairHMM batch: reads and haplotypes stored once,
// pairs indexing them; view() gives the flat PairHmmBatchView the launchers take.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "pairhmm/pairhmm.hpp"

namespace helicase::kernels::pairhmm {

class PairHmmBatch {
 public:
  // Quals are PairHMM-ready Phred values (each span as long as bases). Returns the read index.
  std::uint32_t add_read(std::string_view bases, const std::uint8_t* quals, const std::uint8_t* ins,
                         const std::uint8_t* del, const std::uint8_t* gcp) {
    read_offset_.push_back(read_bases_.size());
    read_length_.push_back(static_cast<std::uint32_t>(bases.size()));
    read_bases_.insert(read_bases_.end(), bases.begin(), bases.end());
    base_quals_.insert(base_quals_.end(), quals, quals + bases.size());
    ins_quals_.insert(ins_quals_.end(), ins, ins + bases.size());
    del_quals_.insert(del_quals_.end(), del, del + bases.size());
    gcp_.insert(gcp_.end(), gcp, gcp + bases.size());
    return static_cast<std::uint32_t>(read_length_.size() - 1);
  }
  std::uint32_t add_haplotype(std::string_view bases) {
    hap_offset_.push_back(hap_bases_.size());
    hap_length_.push_back(static_cast<std::uint32_t>(bases.size()));
    hap_bases_.insert(hap_bases_.end(), bases.begin(), bases.end());
    return static_cast<std::uint32_t>(hap_length_.size() - 1);
  }
  void add_pair(std::uint32_t read, std::uint32_t hap) {
    pair_read_.push_back(read);
    pair_hap_.push_back(hap);
  }
  std::uint32_t n_reads() const { return static_cast<std::uint32_t>(read_length_.size()); }
  std::uint32_t n_haps() const { return static_cast<std::uint32_t>(hap_length_.size()); }
  std::uint32_t n_pairs() const { return static_cast<std::uint32_t>(pair_read_.size()); }
  std::uint64_t cells() const {
    std::uint64_t c = 0;
    for (std::size_t p = 0; p < pair_read_.size(); ++p) c += std::uint64_t{read_length_[pair_read_[p]]} * hap_length_[pair_hap_[p]];
    return c;
  }

  // Sizes the outputs and returns the view (valid until the batch changes).
  PairHmmBatchView view() {
    raw_.assign(pair_read_.size(), 0.0);
    used_double_.assign(pair_read_.size(), 0);
    PairHmmBatchView v;
    v.n_pairs = n_pairs();
    v.pair_read = pair_read_.data();
    v.pair_hap = pair_hap_.data();
    v.read_offset = read_offset_.data();
    v.read_length = read_length_.data();
    v.read_bases = read_bases_.data();
    v.base_quals = base_quals_.data();
    v.ins_quals = ins_quals_.data();
    v.del_quals = del_quals_.data();
    v.gcp = gcp_.data();
    v.hap_offset = hap_offset_.data();
    v.hap_length = hap_length_.data();
    v.hap_bases = hap_bases_.data();
    v.raw = raw_.data();
    v.used_double = used_double_.data();
    return v;
  }

 private:
  std::vector<std::uint32_t> pair_read_, pair_hap_, read_length_, hap_length_;
  std::vector<std::uint64_t> read_offset_, hap_offset_;
  std::vector<char> read_bases_, hap_bases_;
  std::vector<std::uint8_t> base_quals_, ins_quals_, del_quals_, gcp_, used_double_;
  std::vector<double> raw_;
};

}  // namespace helicase::kernels::pairhmm
