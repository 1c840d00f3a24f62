// recal_tables.cpp -- finalizing the tables and the covariate key codecs.
#include "bqsr/recal_tables.hpp"

#include <cstdlib>

#include "bqsr/java_format.hpp"
#include "common/error.hpp"

namespace helicase::bqsr {

void RecalTables::finalize() {
  rg_table.clear();
  for (const auto& [key, datum] : qual_table) {  // leaf order: (rg, qual, event)
    const std::array<int, 2> rg_key{key[0], key[2]};
    auto it = rg_table.find(rg_key);
    if (it == rg_table.end()) {
      rg_table.emplace(rg_key, datum);
    } else {
      it->second.combine(datum);
    }
  }
  auto round_all = [](auto& table) {
    for (auto& [key, d] : table) {
      d.set_mismatches(round_to_decimals(d.mismatches(), 2));
      d.reported_quality = round_to_decimals(d.reported_quality, 4);
    }
  };
  round_all(rg_table);
  round_all(qual_table);
  round_all(context_table);
  round_all(cycle_table);
}

int context_key_from_string(const std::string& bases) {
  int key = static_cast<int>(bases.size());
  int shift = 4;
  for (char c : bases) {
    int code;
    switch (c) {
      case 'A': case 'a': case '*': code = 0; break;
      case 'C': case 'c': code = 1; break;
      case 'G': case 'g': code = 2; break;
      case 'T': case 't': code = 3; break;
      default: return -1;
    }
    key |= code << shift;
    shift += 2;
  }
  return key;
}

std::string context_string(int key) {
  static const char kBases[] = "ACGT";
  const int length = key & 15;
  std::string out;
  for (int i = 0; i < length; ++i) out += kBases[(key >> (4 + 2 * i)) & 3];
  return out;
}

int cycle_key_from_value(int cycle, int max_cycle) {
  const int a = std::abs(cycle);
  if (a > max_cycle) {
    fail_data("The maximum allowed value for the cycle is " + std::to_string(max_cycle) + ", but a larger cycle (" +
              std::to_string(a) + ") was detected. Please use --maximum-cycle-value (when creating the recalibration "
              "table) to increase this value");
  }
  return (a << 1) | (cycle < 0 ? 1 : 0);
}

int max_context_key(int mcs, int ics) {
  const int length = mcs > ics ? mcs : ics;
  int key = length;
  for (int i = 0; i < length; ++i) key |= 3 << (4 + 2 * i);
  return key;
}

}  // namespace helicase::bqsr
