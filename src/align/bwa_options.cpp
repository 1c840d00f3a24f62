// bwa_options.cpp -- see bwa_options.hpp.
#include "align/bwa_options.hpp"

#include <cerrno>
#include <cstdlib>
#include <sstream>
#include <vector>

#include "common/error.hpp"

namespace helicase::align {
namespace {

const char* const kSupported = "-k -w -d -r -c -A -B -O -E -L -U -T -M -Y -K";

long to_long(const std::string& opt, const std::string& v) {
  errno = 0;
  char* end = nullptr;
  const long x = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || errno || end == v.c_str()) fail_usage("--bwa-options: " + opt + " needs a number, got '" + v + "'");
  return x;
}

// bwa reads "-O 6,7" as (del, ins) and "-O 6" as both.
void pair_of(const std::string& opt, const std::string& v, int& first, int& second) {
  const auto comma = v.find(',');
  first = static_cast<int>(to_long(opt, v.substr(0, comma)));
  second = comma == std::string::npos ? first : static_cast<int>(to_long(opt, v.substr(comma + 1)));
}

}  // namespace

MemOptions default_align_options() {
  MemOptions o;
  o.chunk_size = 100000000;
  fill_scoring_matrix(o);
  return o;
}

void parse_bwa_options(const std::string& text, MemOptions& opt) {
  std::istringstream in(text);
  std::vector<std::string> tokens;
  for (std::string t; in >> t;) tokens.push_back(t);
  struct Set {
    bool a = false, b = false, T = false, o_del = false, e_del = false, o_ins = false, e_ins = false, zdrop = false,
         clip = false, unpaired = false;
  } set;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (t.size() < 2 || t[0] != '-') fail_usage("--bwa-options: unexpected '" + t + "' (supported: " + kSupported + ")");
    const char c = t[1];
    const std::string name = std::string("-") + c;
    if (c == 'M' || c == 'Y') {
      if (t.size() != 2) fail_usage("--bwa-options: " + name + " takes no value");
      opt.flag |= c == 'M' ? kMemFNoMulti : kMemFSoftclip;
      continue;
    }
    if (std::string("kwdrcABOELUTK").find(c) == std::string::npos)
      fail_usage("--bwa-options: unsupported bwa mem option " + name + " (supported: " + kSupported + ")");
    std::string v;
    if (t.size() > 2) v = t.substr(2);
    else if (i + 1 < tokens.size()) v = tokens[++i];
    else fail_usage("--bwa-options: " + name + " needs a value");
    switch (c) {
      case 'k': opt.min_seed_len = static_cast<int>(to_long(name, v)); break;
      case 'w': opt.w = static_cast<int>(to_long(name, v)); break;
      case 'd': opt.zdrop = static_cast<int>(to_long(name, v)), set.zdrop = true; break;
      case 'r': {
        char* end = nullptr;
        opt.split_factor = std::strtof(v.c_str(), &end);
        if (end == v.c_str()) fail_usage("--bwa-options: -r needs a number, got '" + v + "'");
        break;
      }
      case 'c': opt.max_occ = static_cast<int>(to_long(name, v)); break;
      case 'A': opt.a = static_cast<int>(to_long(name, v)), set.a = true; break;
      case 'B': opt.b = static_cast<int>(to_long(name, v)), set.b = true; break;
      case 'O': pair_of(name, v, opt.o_del, opt.o_ins), set.o_del = set.o_ins = true; break;
      case 'E': pair_of(name, v, opt.e_del, opt.e_ins), set.e_del = set.e_ins = true; break;
      case 'L': pair_of(name, v, opt.pen_clip5, opt.pen_clip3), set.clip = true; break;
      case 'U': opt.pen_unpaired = static_cast<int>(to_long(name, v)), set.unpaired = true; break;
      case 'T': opt.T = static_cast<int>(to_long(name, v)), set.T = true; break;
      case 'K': {
        const long k = to_long(name, v);
        if (k < 1) fail_usage("--bwa-options: -K must be positive");
        opt.chunk_size = k;
        break;
      }
      default: break;
    }
  }
  if (opt.min_seed_len < 1 || opt.w < 0 || opt.a < 1 || opt.b < 0 || opt.e_del < 1 || opt.e_ins < 1 || opt.max_occ < 1)
    fail_usage("--bwa-options: a value is out of range");
  if (set.a) {  // bwa update_a: scores not given explicitly scale with -A
    if (!set.b) opt.b *= opt.a;
    if (!set.T) opt.T *= opt.a;
    if (!set.o_del) opt.o_del *= opt.a;
    if (!set.e_del) opt.e_del *= opt.a;
    if (!set.o_ins) opt.o_ins *= opt.a;
    if (!set.e_ins) opt.e_ins *= opt.a;
    if (!set.zdrop) opt.zdrop *= opt.a;
    if (!set.clip) opt.pen_clip5 *= opt.a, opt.pen_clip3 *= opt.a;
    if (!set.unpaired) opt.pen_unpaired *= opt.a;
  }
  fill_scoring_matrix(opt);
}

}  // namespace helicase::align
