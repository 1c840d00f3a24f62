// align_job.cpp -- see align_job.hpp.
#include "align/align_job.hpp"

#include <htslib/sam.h>

#include <memory>
#include <mutex>
#include <span>

#include "align/mem_pair.hpp"
#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "fastq/batch_reader.hpp"
#include "fastq/prefetched_batches.hpp"
#include "io/bam_writer.hpp"
#include "io/read_group.hpp"
#include "reference/bases.hpp"

namespace helicase::align {
namespace {

// Bases -> codes 0..4 in place; the span views the same bytes.
std::span<const std::uint8_t> to_codes_in_place(io::ReadSet& reads, std::size_t i) {
  char* s = reads.seq_data(i);
  const std::size_t n = reads.seq(i).size();
  for (std::size_t j = 0; j < n; ++j) s[j] = static_cast<char>(reference::read_base_code(s[j]));
  return {reinterpret_cast<const std::uint8_t*>(s), n};
}

// SAM text lines -> BAM records (parsed in the worker, so the writer only compresses).
using BamPtr = std::unique_ptr<bam1_t, io::BamRecordDeleter>;

void parse_lines(const std::string& text, sam_hdr_t* hdr, std::vector<BamPtr>& out) {
  kstring_t line = {0, 0, nullptr};
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t end = nl == std::string::npos ? text.size() : nl;
    line.l = 0;
    kputsn(text.data() + start, end - start, &line);
    BamPtr b(bam_init1());
    if (!b) {
      free(line.s);
      throw std::bad_alloc();
    }
    if (sam_parse1(&line, hdr, b.get()) < 0) {
      const std::string bad(text.data() + start, end - start);
      free(line.s);
      fail_internal("could not encode the record: " + bad.substr(0, 200));
    }
    out.push_back(std::move(b));
    start = end + 1;
  }
  free(line.s);
}

}  // namespace

std::string align_header_text(const reference::ReferenceIndex& index, const std::vector<std::string>& rg_lines,
                              const std::string& pg_line) {
  std::string h;
  for (const auto& c : index.bns().contigs) h += "@SQ\tSN:" + c.name + "\tLN:" + std::to_string(c.length) + "\n";
  for (const auto& rg : rg_lines) h += rg + "\n";
  if (!pg_line.empty()) h += pg_line + "\n";
  return h;
}

AlignRunStats run_align_job(const AlignJobOptions& o, const reference::ReferenceIndex& index,
                            const RegionFinder& find, ThreadPool& pool, Logger& log) {
  AlignRunStats stats;
  for (const auto& l : o.lanes)
    for (const std::string* f : {&l.r1, &l.r2})
      if (!f->empty() && *f != "-") require_readable(*f);
  std::vector<std::string> rg_lines, rg_ids;
  for (std::size_t i = 0; i < o.lanes.size(); ++i) {
    const io::ReadGroup rg = o.lanes[i].read_group.empty()
                                 ? io::build_read_group(o.read_group, i,
                                                        fastq::FastqBatchReader::peek_first_name(o.lanes[i], pool))
                                 : io::parse_read_group_line(o.lanes[i].read_group);
    rg_lines.push_back(rg.header_line());
    rg_ids.push_back(rg.id());
  }
  const std::string header_text = align_header_text(index, rg_lines, o.pg_line);
  std::unique_ptr<sam_hdr_t, io::SamHeaderDeleter> hdr(sam_hdr_parse(header_text.size(), header_text.c_str()));
  if (!hdr) fail_data("the SAM header could not be built (bad read group line?)");
  io::BamWriter writer(o.out_path, hdr.get(), std::max(1u, pool.size()));

  fastq::BatchReaderOptions ropt;
  ropt.batch_bases = static_cast<std::uint64_t>(o.mem.chunk_size);
  fastq::FastqBatchReader reader(o.lanes, pool, ropt);
  fastq::PrefetchedBatches batches(reader, 1);
  io::ReadBatch batch;
  while (batches.next(batch)) {
    const bool pe = batch.paired;
    const std::size_t n_frag = batch.fragments();
    const std::size_t n_reads = pe ? 2 * n_frag : n_frag;
    MemOptions opt = o.mem;
    if (pe) opt.flag |= kMemFPe;
    // Reads as codes (in the batch's own buffer); regions per read (index 2i+m for mate m of
    // pair i, as bwa orders them).
    std::vector<std::span<const std::uint8_t>> codes(n_reads);
    std::vector<std::vector<AlnReg>> regs(n_reads);
    const std::size_t chunk = std::max<std::size_t>(1, o.work_chunk);
    const std::size_t n_items = (n_frag + chunk - 1) / chunk;
    pool.parallel_for(n_items, [&](std::size_t item) {
      for (std::size_t f = item * chunk; f < std::min(n_frag, (item + 1) * chunk); ++f) {
        for (int m = 0; m < (pe ? 2 : 1); ++m) {
          const std::size_t r = pe ? 2 * f + static_cast<std::size_t>(m) : f;
          codes[r] = to_codes_in_place(batch.mate[m], f);
          regs[r] = find(opt, index, codes[r]);
        }
      }
    });
    PeStats pes{};
    if (pe) {
      std::vector<std::string> lines;
      pes = pestat(opt, static_cast<std::int64_t>(index.l_pac()), regs, &lines);
      for (const auto& l : lines) log.debug(l);
    }
    const std::string_view rg_id = rg_ids[batch.lane];
    // Records of each work item, written as soon as every earlier item is written, so only
    // the items finished out of order are held (not the whole -K batch).
    std::vector<std::vector<BamPtr>> records(n_items);
    std::vector<char> done(n_items, 0);
    std::size_t next_out = 0;
    std::mutex out_mutex;
    pool.parallel_for(n_items, [&](std::size_t item) {
      std::string text[2];
      for (std::size_t f = item * chunk; f < std::min(n_frag, (item + 1) * chunk); ++f) {
        const std::uint64_t id = batch.first_fragment + f;
        if (pe) {
          ReadText rt[2];
          for (int m = 0; m < 2; ++m)
            rt[m] = ReadText{batch.mate[m].name(f), codes[2 * f + static_cast<std::size_t>(m)], batch.mate[m].qual(f)};
          if (rt[0].name != rt[1].name) {
            fail_data("paired reads have different names: \"" + std::string(rt[0].name) + "\", \"" +
                      std::string(rt[1].name) + "\"");
          }
          sam_pe(opt, index, pes, id, rt, &regs[2 * f], rg_id, text);
          text[0] += text[1];
        } else {
          const ReadText rt{batch.mate[0].name(f), codes[f], batch.mate[0].qual(f)};
          sam_se(opt, index, static_cast<std::int64_t>(id), rt, regs[f], rg_id, text[0]);
        }
        parse_lines(text[0], hdr.get(), records[item]);
        text[0].clear();
        text[1].clear();
        regs[pe ? 2 * f : f] = {};
        if (pe) regs[2 * f + 1] = {};
      }
      const std::lock_guard<std::mutex> lock(out_mutex);
      done[item] = 1;
      for (; next_out < n_items && done[next_out]; ++next_out) {
        for (const BamPtr& b : records[next_out]) {
          writer.write(b.get());
          ++stats.records;
        }
        std::vector<BamPtr>().swap(records[next_out]);
      }
    });
    if (next_out != n_items) fail_internal("aligned records were left unwritten");
    stats.fragments += n_frag;
    ++stats.batches;
    log.debug("aligned batch " + std::to_string(batch.index) + ": " + std::to_string(n_frag) + " fragments");
  }
  writer.close();
  return stats;
}

}  // namespace helicase::align
