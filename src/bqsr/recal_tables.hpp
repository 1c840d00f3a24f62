// recal_tables.hpp -- the recalibration tables and the arguments recorded with them.
//
// RecalTables mirrors GATK's RecalibrationTables: RecalTable0 by (read group, event),
// RecalTable1 by (read group, reported quality, event), and one RecalTable2 per special
// covariate by (read group, quality, covariate key, event). Read groups are keys 0..n-1 in a
// fixed order (BaseRecalibrator: header order of PU-else-ID; ApplyBQSR: sorted names).
// Maps iterate in key order, which is the order GATK's NestedIntegerArray visits leaves:
// collapsing RecalTable1 into RecalTable0 must combine datums in exactly that order.
// Covariate keys are GATK's: context = k | base codes (A0 C1 G2 T3) << (4 + 2j), oldest base
// first; cycle = |c| << 1 | (c < 0).
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "bqsr/recal_math.hpp"

namespace helicase::bqsr {

enum EventType : int { kMismatch = 0, kInsertion = 1, kDeletion = 2 };
inline constexpr int kNumEvents = 3;
inline const char* event_letter(int e) { return e == kMismatch ? "M" : e == kInsertion ? "I" : "D"; }

// The argument values a report records (RecalibrationArgumentCollection.generateReportTable).
struct RecalArgs {
  int mismatches_context_size = 2;
  int indels_context_size = 3;
  int maximum_cycle_value = 500;
  int low_quality_tail = 2;
  int quantizing_levels = 16;
  int mismatches_default_quality = -1;
  int insertions_default_quality = 45;
  int deletions_default_quality = 45;
};

struct RecalTables {
  std::vector<std::string> read_groups;                  // key -> identifier
  std::map<std::array<int, 2>, RecalDatum> rg_table;     // RecalTable0
  std::map<std::array<int, 3>, RecalDatum> qual_table;   // RecalTable1
  std::map<std::array<int, 4>, RecalDatum> context_table;
  std::map<std::array<int, 4>, RecalDatum> cycle_table;

  // BaseRecalibrationEngine.finalizeData: RecalTable0 from RecalTable1, then every table's
  // errors rounded to 2 decimals and reported qualities to 4.
  void finalize();
};

// Context keys and strings (ContextCovariate.keyFromContext / contextFromKey).
int context_key_from_string(const std::string& bases);  // -1 if a base is not ACGT
std::string context_string(int key);
// Cycle keys (CycleCovariate.keyFromCycle / cycleFromKey); throws exit 3 past max_cycle.
int cycle_key_from_value(int cycle, int max_cycle);
inline int cycle_from_key(int key) { return (key & 1) ? -(key >> 1) : (key >> 1); }
// ContextCovariate.maximumKeyValue for the larger of the two context sizes.
int max_context_key(int mismatches_context_size, int indels_context_size);

}  // namespace helicase::bqsr
