// sam_compare -- compares two SAM/BAM/CRAM files of the same reads record by record, as an aligner's
// compat test needs: EXPECTED (e.g. bwa mem) against ACTUAL (e.g. helicase-align).
//
// Contract:
//   sam_compare [--min-identical PCT] [--show N] [--labels A,B] EXPECTED ACTUAL
// Records are matched, not merely zipped: both files are read in their own order as runs of
// records with the same name (bwa writes each read's records together, in input order), and
// inside a name a record is keyed by first/second-of-pair, primary/secondary/supplementary and
// its ordinal among records with those flags. Runs that arrive out of step are held until the
// other file reaches them, so a missing or extra record costs one mismatch, not a cascade.
// RNEXT is compared as a name ("=" resolved). Header lines are compared as text except @PG
// (and @CO). Prints the record counts, the number
// of matched records differing in each SAM field and each tag (a tag present on one side only
// counts as a difference in that tag), and the share of records identical in every field and
// tag (unmatched records count as not identical). Exit status: 0 when the record counts are
// equal, the header agrees and the identical share is >= PCT
// (default 100); 1 otherwise; 2 usage; 3 unreadable input.
#include <htslib/kstring.h>
#include <htslib/sam.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace {

constexpr int kFields = 11;  // QNAME .. QUAL
const char* const kFieldNames[kFields] = {"QNAME", "FLAG", "RNAME", "POS",  "MAPQ", "CIGAR",
                                          "RNEXT", "PNEXT", "TLEN", "SEQ", "QUAL"};
const std::vector<std::string> kNamedTags = {"NM", "MD", "AS", "XS", "SA", "XA", "RG"};

struct Record {
  std::string key;                 // pair bits + category + ordinal, unique inside a name
  std::vector<std::string> cols;   // the 11 SAM fields as text
  std::map<std::string, std::string> tags;  // "NM" -> "i:3" (integer subtypes print as i)
  std::string line;                // the SAM line, for --show
};

using Group = std::vector<Record>;

struct Input {
  samFile* file = nullptr;
  sam_hdr_t* hdr = nullptr;
  bam1_t* rec = nullptr;
  bool pending = false;  // rec holds a record read but not yet grouped
  bool done = false;
  long records = 0;
  std::string path;
  ~Input() {
    if (rec) bam_destroy1(rec);
    if (hdr) sam_hdr_destroy(hdr);
    if (file) sam_close(file);
  }
};

[[noreturn]] void die(int code, const std::string& msg) {
  std::fprintf(stderr, "sam_compare: %s\n", msg.c_str());
  std::exit(code);
}

std::vector<std::string> split_tabs(const char* s, size_t n) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= n; ++i) {
    if (i == n || s[i] == '\t') {
      out.emplace_back(s + start, i - start);
      start = i + 1;
    }
  }
  return out;
}

void open_input(Input& in, const std::string& path) {
  in.path = path;
  in.file = sam_open(path.c_str(), "r");
  if (!in.file) die(3, "cannot open " + path);
  in.hdr = sam_hdr_read(in.file);
  if (!in.hdr) die(3, "cannot read the header of " + path);
  in.rec = bam_init1();
}

// Header lines except @PG and @CO, in order.
std::vector<std::string> header_lines(const Input& in) {
  const char* text = sam_hdr_str(in.hdr);
  std::vector<std::string> out;
  if (!text) return out;
  std::string all(text);
  size_t start = 0;
  while (start < all.size()) {
    size_t end = all.find('\n', start);
    if (end == std::string::npos) end = all.size();
    std::string line = all.substr(start, end - start);
    if (!line.empty() && line.rfind("@PG", 0) != 0 && line.rfind("@CO", 0) != 0) out.push_back(line);
    start = end + 1;
  }
  return out;
}

std::string category_key(uint16_t flag) {
  std::string k;
  k += (flag & BAM_FREAD1) ? '1' : '-';
  k += (flag & BAM_FREAD2) ? '2' : '-';
  k += (flag & BAM_FSUPPLEMENTARY) ? 'S' : (flag & BAM_FSECONDARY) ? 's' : 'p';
  return k;
}

// Reads the next run of records with one name; false at the end of the file.
bool next_group(Input& in, std::string& name, Group& group) {
  group.clear();
  if (in.done) return false;
  if (!in.pending) {
    int r = sam_read1(in.file, in.hdr, in.rec);
    if (r < -1) die(3, "cannot read a record of " + in.path + " after record " + std::to_string(in.records));
    if (r == -1) {
      in.done = true;
      return false;
    }
    in.pending = true;
  }
  name = bam_get_qname(in.rec);
  std::map<std::string, int> ordinal;
  kstring_t ks = {0, 0, nullptr};
  while (in.pending && name == bam_get_qname(in.rec)) {
    ++in.records;
    ks.l = 0;
    if (sam_format1(in.hdr, in.rec, &ks) < 0) die(3, "cannot format a record of " + in.path);
    Record rec;
    rec.line.assign(ks.s, ks.l);
    std::vector<std::string> cols = split_tabs(ks.s, ks.l);
    if (cols.size() < kFields) die(3, "short record in " + in.path + ": " + rec.line);
    for (size_t i = kFields; i < cols.size(); ++i) {
      const std::string& t = cols[i];
      if (t.size() < 5 || t[2] != ':') die(3, "bad tag '" + t + "' in " + in.path);
      rec.tags[t.substr(0, 2)] = t.substr(3);
    }
    cols.resize(kFields);
    if (cols[6] == "=") cols[6] = cols[2];  // RNEXT compared as the mate's reference name
    rec.cols = std::move(cols);
    std::string cat = category_key(in.rec->core.flag);
    rec.key = cat + "#" + std::to_string(ordinal[cat]++);
    group.push_back(std::move(rec));
    int r = sam_read1(in.file, in.hdr, in.rec);
    if (r < -1) die(3, "cannot read a record of " + in.path + " after record " + std::to_string(in.records));
    if (r == -1) {
      in.pending = false;
      in.done = true;
    }
  }
  free(ks.s);
  return true;
}

struct Tally {
  long matched = 0, identical = 0, only_a = 0, only_b = 0;
  long field[kFields] = {};
  std::map<std::string, long> tag;  // every tag that ever differed
  int show_left = 0;
  std::string label_a = "expected", label_b = "actual";

  void show(const char* what, const std::string& a, const std::string& b) {
    if (show_left <= 0) return;
    --show_left;
    std::printf("--- %s\n  %-9s %s\n  %-9s %s\n", what, label_a.c_str(), a.c_str(), label_b.c_str(), b.c_str());
  }

  void compare(const Record& a, const Record& b) {
    ++matched;
    bool same = true;
    std::string why;
    for (int f = 0; f < kFields; ++f) {
      if (a.cols[static_cast<size_t>(f)] != b.cols[static_cast<size_t>(f)]) {
        ++field[f];
        same = false;
        why += std::string(why.empty() ? "" : ",") + kFieldNames[f];
      }
    }
    auto ia = a.tags.begin(), ib = b.tags.begin();
    while (ia != a.tags.end() || ib != b.tags.end()) {
      std::string differing;
      if (ib == b.tags.end() || (ia != a.tags.end() && ia->first < ib->first)) {
        differing = (ia++)->first;
      } else if (ia == a.tags.end() || ib->first < ia->first) {
        differing = (ib++)->first;
      } else {
        if (ia->second != ib->second) differing = ia->first;
        ++ia;
        ++ib;
      }
      if (!differing.empty()) {
        ++tag[differing];
        same = false;
        why += (why.empty() ? "" : ",") + differing;
      }
    }
    if (same) {
      ++identical;
    } else {
      show(why.c_str(), a.line, b.line);
    }
  }

  void compare_groups(const Group& a, const Group& b) {
    std::map<std::string, const Record*> bk;
    for (const Record& r : b) bk[r.key] = &r;
    for (const Record& r : a) {
      auto it = bk.find(r.key);
      if (it == bk.end()) {
        ++only_a;
        show(("only in " + label_a).c_str(), r.line, "(none)");
      } else {
        compare(r, *it->second);
        bk.erase(it);
      }
    }
    for (const auto& [key, r] : bk) {
      ++only_b;
      show(("only in " + label_b).c_str(), "(none)", r->line);
    }
  }
};

std::string with_commas(long v) {
  std::string s = std::to_string(v < 0 ? -v : v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return v < 0 ? "-" + s : s;
}

}  // namespace

int main(int argc, char** argv) {
  double min_identical = 100.0;
  Tally t;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die(2, "option " + arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--min-identical") {
      std::string v = value();
      char* end = nullptr;
      min_identical = std::strtod(v.c_str(), &end);
      if (!end || *end || min_identical < 0 || min_identical > 100) die(2, "--min-identical takes 0..100, not " + v);
    } else if (arg == "--show") {
      t.show_left = std::atoi(value().c_str());
    } else if (arg == "--labels") {
      std::string v = value();
      size_t comma = v.find(',');
      if (comma == std::string::npos) die(2, "--labels takes A,B");
      t.label_a = v.substr(0, comma);
      t.label_b = v.substr(comma + 1);
    } else if (arg == "-h" || arg == "--help") {
      std::printf("usage: sam_compare [--min-identical PCT] [--show N] [--labels A,B] EXPECTED ACTUAL\n");
      return 0;
    } else if (!arg.empty() && arg[0] == '-' && arg != "-") {
      die(2, "unknown option " + arg);
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.size() != 2) die(2, "usage: sam_compare [--min-identical PCT] [--show N] [--labels A,B] EXPECTED ACTUAL");

  Input a, b;
  open_input(a, paths[0]);
  open_input(b, paths[1]);
  std::vector<std::string> ha = header_lines(a), hb = header_lines(b);
  long header_diff = 0;
  for (size_t i = 0; i < std::max(ha.size(), hb.size()); ++i) {
    const std::string la = i < ha.size() ? ha[i] : "(none)";
    const std::string lb = i < hb.size() ? hb[i] : "(none)";
    if (la != lb) {
      if (header_diff == 0) std::printf("header differs (first: '%s' vs '%s')\n", la.c_str(), lb.c_str());
      ++header_diff;
    }
  }

  // Lockstep over name runs; runs out of step wait in `held_*` until the other side reaches them.
  std::unordered_map<std::string, Group> held_a, held_b;
  std::unordered_set<std::string> seen_a, seen_b;  // names already read: a name must be one run
  std::string name;
  Group g;
  while (!a.done || !b.done || a.pending || b.pending) {
    bool progressed = false;
    if (next_group(a, name, g)) {
      progressed = true;
      if (!seen_a.insert(name).second) die(3, paths[0] + ": the records of " + name + " are not together");
      auto it = held_b.find(name);
      if (it != held_b.end()) {
        t.compare_groups(g, it->second);
        held_b.erase(it);
      } else {
        held_a.emplace(name, std::move(g));
      }
    }
    if (next_group(b, name, g)) {
      progressed = true;
      if (!seen_b.insert(name).second) die(3, paths[1] + ": the records of " + name + " are not together");
      auto it = held_a.find(name);
      if (it != held_a.end()) {
        t.compare_groups(it->second, g);
        held_a.erase(it);
      } else {
        held_b.emplace(name, std::move(g));
      }
    }
    if (!progressed) break;
  }
  for (const auto& [n, grp] : held_a) t.compare_groups(grp, Group{});
  for (const auto& [n, grp] : held_b) t.compare_groups(Group{}, grp);

  long total = std::max(a.records, b.records);
  double pct = total > 0 ? 100.0 * static_cast<double>(t.identical) / static_cast<double>(total) : 100.0;
  std::printf("records: %s %s, %s %s; matched %s, only in %s %s, only in %s %s\n", t.label_a.c_str(),
              with_commas(a.records).c_str(), t.label_b.c_str(), with_commas(b.records).c_str(),
              with_commas(t.matched).c_str(), t.label_a.c_str(), with_commas(t.only_a).c_str(), t.label_b.c_str(),
              with_commas(t.only_b).c_str());
  std::printf("%-8s %12s\n", "field", "mismatches");
  for (int f = 1; f < kFields; ++f) std::printf("%-8s %12s\n", kFieldNames[f], with_commas(t.field[f]).c_str());
  std::printf("%-8s %12s\n", "tag", "mismatches");
  long others = 0;
  std::string other_list;
  for (const auto& [tag, n] : t.tag) {
    if (std::find(kNamedTags.begin(), kNamedTags.end(), tag) == kNamedTags.end()) {
      others += n;
      other_list += " " + tag + ":" + with_commas(n);
    }
  }
  for (const std::string& tag : kNamedTags) {
    auto it = t.tag.find(tag);
    std::printf("%-8s %12s\n", tag.c_str(), with_commas(it == t.tag.end() ? 0 : it->second).c_str());
  }
  std::printf("%-8s %12s%s\n", "others", with_commas(others).c_str(), other_list.c_str());
  std::printf("header lines differing (without @PG): %s\n", with_commas(header_diff).c_str());
  std::printf("identical records: %s / %s (%.4f%%), threshold %.4f%%\n", with_commas(t.identical).c_str(),
              with_commas(total).c_str(), pct, min_identical);
  // QNAME never differs on matched records (they are matched by name); kept out of the table.
  // Unmatched records already count as not identical; the record counts must be equal.
  bool pass = a.records == b.records && header_diff == 0 && pct >= min_identical;
  std::printf("result: %s\n", pass ? "PASS" : "FAIL");
  return pass ? 0 : 1;
}
