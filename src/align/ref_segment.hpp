// ref_segment.hpp -- positions and reference bases on bwa's doubled text, as both halves of
// the aligner need them (bwa 0.7.17 bntseq.c semantics: bns_depos, bns_pos2rid,
// bns_intv2rid, bns_get_seq, bns_fetch_seq).
//
// The doubled text is T = forward strand (positions [0, l_pac)) + its reverse complement
// ([l_pac, 2 l_pac)). Bases are codes 0..3 (ambiguous reference bases are the pseudo-random
// bases the index stored, as in bwa).
#pragma once

#include <cstdint>
#include <vector>

#include "reference/reference_index.hpp"

namespace helicase::align {

// Forward-strand position of doubled-text position pos; is_rev tells which strand it was on.
std::int64_t forward_position(const reference::ReferenceIndex& index, std::int64_t pos, bool& is_rev);

// Contig holding forward-strand position pos_f (< l_pac), or -1 (bns_pos2rid).
int contig_of(const reference::ReferenceIndex& index, std::int64_t pos_f);

// Contig holding all of [rb, re) (bns_intv2rid): -2 when it spans the two strands, -1 when
// it spans two contigs.
int contig_of_interval(const reference::ReferenceIndex& index, std::int64_t rb, std::int64_t re);

// Bases of T[beg, end) (bns_get_seq): the bounds are swapped if reversed and clamped to
// [0, 2 l_pac); an interval that crosses the strand boundary gives no bases.
std::vector<std::uint8_t> text_segment(const reference::ReferenceIndex& index, std::int64_t beg, std::int64_t end);

// bns_fetch_seq: clamps [beg, end) (which must contain mid) to the contig (on mid's strand)
// that holds mid, returns its bases and sets rid. Exit 70 if the bases cannot be fetched.
std::vector<std::uint8_t> fetch_contig_segment(const reference::ReferenceIndex& index, std::int64_t& beg,
                                               std::int64_t mid, std::int64_t& end, int& rid);

}  // namespace helicase::align
