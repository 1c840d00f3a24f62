// vcf_format.hpp -- numbers as GATK 4.6.2.0 / htsjdk write them into a VCF.
//
// java_fixed (String.format("%.nf"), HALF_UP on the shortest decimal digits) is shared with
// BQSR (bqsr/java_format.hpp). Here: String.format("%.ne"), htsjdk VCFEncoder.formatVCFDouble
// (AF, MLEAF: < 0.01 -> "%.3e" (|d| < 1e-20 -> "0.00"), < 1 -> "%.3f", else "%.2f") and
// VCFEncoder.formatQualValue ("%.2f" with a trailing ".00" removed).
#pragma once

#include <string>

namespace helicase::hc {

std::string java_scientific(double value, int decimals);
std::string format_vcf_double(double value);
std::string format_qual(double qual);

}  // namespace helicase::hc
