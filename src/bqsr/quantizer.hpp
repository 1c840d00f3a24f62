// quantizer.hpp -- quality score quantization, as GATK's QualQuantizer and ApplyBQSR do it.
//
// quantize_quals(): start from one interval per quality (errors = floor(obs * 10^(-q/10))),
// then repeatedly merge the adjacent pair whose merge has the lowest penalty (first pair
// wins ties) until `levels` intervals remain; each quality maps to its interval's quality.
// The penalty of a merge sums, over the original qualities above `min_interesting_qual`,
// |log10(their error rate) - log10(merged error rate)| * their observations.
// static_quantized_map(): ApplyBQSR's --static-quantized-quals mapping (254 entries).
// count_levels(): QuantizationInfo.calculateQuantizationLevels (runs of equal values).
#pragma once

#include <cstdint>
#include <vector>

namespace helicase::bqsr {

std::vector<int> quantize_quals(const std::vector<std::int64_t>& counts_per_qual, int levels,
                                int min_interesting_qual);

std::vector<int> static_quantized_map(std::vector<int> static_quals, bool round_down);

int count_levels(const std::vector<int>& quantized);

}  // namespace helicase::bqsr
