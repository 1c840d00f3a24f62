// markdup_job.cpp -- the two passes, the duplicate sets, the output header and the metrics file.
#include "markdup/markdup_job.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "io/bam_writer.hpp"
#include "markdup/bam_input.hpp"
#include "markdup/duplicate_finder.hpp"
#include "markdup/duplicate_marker.hpp"
#include "markdup/java_format.hpp"
#include "markdup/libraries.hpp"
#include "markdup/metrics.hpp"
#include "markdup/output_header.hpp"
#include "markdup/read_end_builder.hpp"
#include "markdup/read_name_regex.hpp"
#include "markdup/read_end_key_launch.hpp"

namespace helicase::markdup {
namespace {

InputOrder choose_order(const MarkdupOptions& o, const sam_hdr_t* h, Logger& log) {
  if (o.assume_sort_order) return *o.assume_sort_order;
  const std::string so = header_sort_order(h);
  if (so == "queryname") return InputOrder::Queryname;
  if (so == "coordinate") return InputOrder::Coordinate;
  if (header_group_order_query(h)) return InputOrder::Queryname;
  log.info("the header does not declare coordinate or queryname order: assuming coordinate order (checked)");
  return InputOrder::Coordinate;
}

// Java's Date.toString(): "Thu Nov 26 19:07:13 UTC 2026".
std::string java_date_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a %b %d %H:%M:%S %Z %Y", &tm);
  return buf;
}

std::string record_name_at(const std::string& path, const std::string& reference, std::uint64_t index) {
  AlignmentInput in(path, nullptr, reference);
  std::unique_ptr<bam1_t, io::BamRecordDeleter> b(bam_init1());
  for (std::uint64_t i = 0; in.next(b.get()); ++i) {
    if (i == index) return bam_get_qname(b.get());
  }
  return "?";
}

void write_text_file(AtomicOutput& out, const std::string& text) {
  std::FILE* f = std::fopen(out.temp_path().c_str(), "w");
  if (!f) fail_io("cannot open " + out.final_path() + " for writing: " + errno_text(errno));
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (std::fclose(f) != 0 || !ok) fail_io("cannot write " + out.final_path() + " (disk full?)");
}

}  // namespace

MarkdupSummary run_markdup(const MarkdupOptions& o, const Backend& backend, Logger& log) {
  const std::string started = java_date_now();
  require_readable(o.in_bam);
  if (!o.reference.empty()) require_readable(o.reference);
  require_writable_dir_for(o.out_bam);
  require_writable_dir_for(o.out_metrics);
  std::unique_ptr<ReadNameRegex> regex;
  const bool optical = o.read_name_regex != "null";
  if (!o.read_name_regex.empty() && optical) regex = std::make_unique<ReadNameRegex>(o.read_name_regex);

  ThreadPool& pool = backend.pool();
  HtsThreads hts(pool.size());
  MarkdupSummary summary;

  // Pass 1: read ends.
  AlignmentInput in1(o.in_bam, hts.get(), o.reference);
  const InputOrder order = choose_order(o, in1.header(), log);
  log.info(std::string("input order: ") + (order == InputOrder::Coordinate ? "coordinate" : "queryname (grouped)"));
  Libraries libraries(in1.header());
  kernels::ReadEndKeyComputer keys(backend);
  Pass1Result p1 = build_read_ends(in1, Pass1Context{o, order, libraries, regex.get(), keys, pool, log});
  if (p1.regrouped_record >= 0) {
    const auto bad = static_cast<std::uint64_t>(p1.regrouped_record);
    fail_data(o.in_bam + " record " + with_commas(bad + 1) + " (" + record_name_at(o.in_bam, o.reference, bad) +
              "): this name already appeared earlier, separated by other names: the input is not grouped by read "
              "name as its order (queryname) requires");
  }
  summary.fragments = p1.fragments.size();
  summary.pairs = p1.pairs.size();
  log.info("read " + with_commas(p1.records) + " records: " + with_commas(summary.fragments) + " fragment ends, " +
           with_commas(summary.pairs) + " pairs, " + with_commas(p1.unmatched_pairs) + " pairs never matched; " +
           with_commas((p1.fragments.bytes() + p1.pairs.bytes()) >> 20) + " MiB of read ends");

  // Duplicate sets.
  DuplicateFinderOptions fo;
  fo.optical = optical;
  fo.optical_params.pixel_distance = o.optical_pixel_distance;
  fo.optical_params.max_set_size = o.max_optical_set_size;
  DuplicateResult dups = find_duplicates(p1.pairs, p1.fragments, fo, pool);
  p1.pairs.clear();
  p1.fragments.clear();
  double optical_total = 0;
  for (const auto& [id, n] : dups.optical_by_library) optical_total += n;
  summary.optical_duplicates = static_cast<std::uint64_t>(optical_total);
  log.info("marking " + with_commas(dups.duplicate_indexes.size()) + " records as duplicates; " +
           with_commas(summary.optical_duplicates) + " optical duplicates");

  // Pass 2: the output.
  AlignmentInput in2(o.in_bam, hts.get(), o.reference);
  std::unique_ptr<sam_hdr_t, io::SamHeaderDeleter> header(sam_hdr_dup(in2.header()));
  if (!header) throw std::bad_alloc();
  const PgChain chain = prepare_output_header(header.get(), o, order, p1.pg);
  io::BamWriterOptions wo;
  wo.pool = hts.get();
  wo.reference = o.reference;
  wo.compression_level = o.compression_level;
  wo.write_index = order == InputOrder::Coordinate;
  io::BamWriter out(o.out_bam, header.get(), wo);
  Pass2Result p2 = mark_duplicates(in2, out, Pass2Context{o, order, libraries, dups.duplicate_indexes, chain, log});
  summary.records = p2.records;
  summary.duplicates = p2.duplicates;
  summary.written = p2.written;

  // Metrics: libraries named by @RG lines or used by a record, in name order (a TreeMap).
  std::vector<std::size_t> libs = libraries.header_libraries();
  for (std::size_t i = 0; i < p2.library_seen.size(); ++i) {
    if (p2.library_seen[i] && std::find(libs.begin(), libs.end(), i) == libs.end()) libs.push_back(i);
  }
  std::sort(libs.begin(), libs.end(),
            [&](std::size_t a, std::size_t b) { return libraries.names()[a] < libraries.names()[b]; });
  std::vector<LibraryMetrics> rows;
  for (std::size_t lib : libs) {
    LibraryMetrics m = p2.metrics[lib];
    std::int64_t optical_count = 0;
    const std::int16_t id = libraries.id_if_used(lib);
    if (id != 0) {
      const auto it = dups.optical_by_library.find(id);
      if (it != dups.optical_by_library.end()) optical_count = java_d2l(it->second);
    }
    m.finalize(optical_count);
    rows.push_back(std::move(m));
  }
  std::optional<Histogram> roi;
  if (rows.size() == 1) roi = roi_histogram(rows.front());
  const std::vector<std::string> header_lines = {"## htsjdk.samtools.metrics.StringHeader", "# " + o.command_line,
                                                 "## htsjdk.samtools.metrics.StringHeader", "# Started on: " + started};
  const std::string text = render_metrics_file(
      header_lines, rows, {roi ? &*roi : nullptr, &dups.all_sets, &dups.optical_sets, &dups.non_optical_sets});
  AtomicOutput metrics_out(o.out_metrics);
  write_text_file(metrics_out, text);
  out.close();
  metrics_out.commit();
  log.info("wrote " + with_commas(summary.written) + " of " + with_commas(summary.records) + " records (" +
           with_commas(summary.duplicates) + " duplicates) to " + o.out_bam);
  return summary;
}

}  // namespace helicase::markdup
