// known_sites.cpp -- loading known variant sites through HTSlib.
#include "bqsr/known_sites.hpp"

#include <htslib/kseq.h>
#include <htslib/vcf.h>

#include <algorithm>
#include <cstring>
#include <cerrno>

#include "bqsr/reference.hpp"
#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "io/alignment_open.hpp"

namespace helicase::bqsr {

KnownSites::KnownSites(const std::vector<std::string>& paths, const ContigDict& reference) {
  by_tid_.resize(reference.names.size());
  for (const auto& path : paths) {
    require_readable(path);
    htsFile* fp = hts_open(path.c_str(), "r");
    if (!fp) fail_io("cannot open known sites " + path + ": " + errno_text(errno));
    const htsFormat* fmt = hts_get_format(fp);
    if (fmt->format != vcf && fmt->format != bcf) {
      hts_close(fp);
      fail_data(path + " is not a VCF or BCF file");
    }
    require_complete(fp, path);  // a .vcf.gz/.bcf cut at a block boundary would lose sites silently
    // Text VCFs are read line by line so that a header line htsjdk accepts and HTSlib does not
    // (a tab after INFO on the #CHROM line, as in GATK's own test VCFs) still loads.
    const bool text = fmt->format == vcf;
    kstring_t line = KS_INITIALIZE;
    bcf_hdr_t* hdr = nullptr;
    if (text) {
      std::string header_text;
      int rc = 0;
      while ((rc = hts_getline(fp, KS_SEP_LINE, &line)) >= 0) {
        std::string l(line.s, line.l);
        if (l.rfind("#CHROM", 0) == 0) {
          // Contigs the header does not declare (htsjdk needs no declaration; HTSlib does).
          for (const auto& name : reference.names) {
            if (header_text.find("##contig=<ID=" + name + ",") == std::string::npos &&
                header_text.find("##contig=<ID=" + name + ">") == std::string::npos) {
              header_text += "##contig=<ID=" + name + ">\n";
            }
          }
          while (!l.empty() && (l.back() == '\t' || l.back() == ' ' || l.back() == '\r')) l.pop_back();
          header_text += l + "\n";
          break;
        }
        if (l.rfind("##", 0) != 0) {
          rc = -2;
          break;
        }
        header_text += l + "\n";
      }
      hdr = rc >= 0 ? bcf_hdr_init("r") : nullptr;
      if (hdr && bcf_hdr_parse(hdr, header_text.data()) != 0) {
        bcf_hdr_destroy(hdr);
        hdr = nullptr;
      }
    } else {
      hdr = bcf_hdr_read(fp);
    }
    if (!hdr) {
      ks_free(&line);
      hts_close(fp);
      fail_data(path + ": cannot read the VCF header");
    }
    // Header contigs with a length must agree with the reference.
    ContigDict header_contigs;
    int nseq = 0;
    const char** names = bcf_hdr_seqnames(hdr, &nseq);
    for (int i = 0; i < nseq; ++i) {
      header_contigs.names.emplace_back(names[i]);
      std::int64_t len = -1;
      bcf_hrec_t* hrec = bcf_hdr_get_hrec(hdr, BCF_HL_CTG, "ID", names[i], nullptr);
      if (hrec) {
        const int k = bcf_hrec_find_key(hrec, "length");
        if (k >= 0) len = std::strtoll(hrec->vals[k], nullptr, 10);
      }
      header_contigs.lengths.push_back(len);
    }
    std::free(names);
    try {
      check_compatible(reference, header_contigs, path, false);
    } catch (...) {
      ks_free(&line);
      bcf_hdr_destroy(hdr);
      hts_close(fp);
      throw;
    }
    std::vector<int> rid_to_tid;
    bcf1_t* rec = bcf_init();
    std::uint64_t n = 0;
    int rc;
    std::string error;
    for (;;) {
      if (text) {
        rc = hts_getline(fp, KS_SEP_LINE, &line);
        if (rc < 0) {
          rc = rc == -1 ? -1 : -2;
          break;
        }
        if (line.l == 0) continue;
        ++n;
        // A contig the header does not declare is one the reference lacks (all of its contigs
        // were declared above): report it here rather than through HTSlib's warning.
        const std::string chrom(line.s, std::strcspn(line.s, "\t"));
        if (bcf_hdr_name2id(hdr, chrom.c_str()) < 0) {
          error = path + ": record " + with_commas(n) + " is on contig " + chrom + ", which the reference lacks";
          break;
        }
        if (vcf_parse(&line, hdr, rec) != 0 && !(rec->errcode & (BCF_ERR_CTG_UNDEF | BCF_ERR_TAG_UNDEF))) {
          error = path + ": record " + with_commas(n) + " is malformed";
          break;
        }
      } else {
        rc = bcf_read(fp, hdr, rec);
        if (rc != 0) break;
        ++n;
      }
      // htsjdk reads records whose FILTER/INFO/FORMAT tags the header does not declare; so do we.
      if (rec->errcode & ~(BCF_ERR_CTG_UNDEF | BCF_ERR_TAG_UNDEF)) {
        error = path + ": record " + with_commas(n) + " is malformed";
        break;
      }
      if (rec->rid < 0) {
        error = path + ": record " + with_commas(n) + " has no contig";
        break;
      }
      if (static_cast<std::size_t>(rec->rid) >= rid_to_tid.size()) rid_to_tid.resize(static_cast<std::size_t>(rec->rid) + 1, -2);
      int& tid = rid_to_tid[static_cast<std::size_t>(rec->rid)];
      if (tid == -2) tid = reference.find(bcf_hdr_id2name(hdr, rec->rid));
      if (tid < 0) {
        error = path + ": record " + with_commas(n) + " is on contig " + bcf_hdr_id2name(hdr, rec->rid) +
                ", which the reference lacks";
        break;
      }
      const std::int64_t start = static_cast<std::int64_t>(rec->pos) + 1;
      const std::int64_t end = start + std::max<std::int64_t>(rec->rlen, 1) - 1;
      by_tid_[static_cast<std::size_t>(tid)].sites.push_back({start, end});
      ++n_sites_;
    }
    ks_free(&line);
    bcf_destroy(rec);
    bcf_hdr_destroy(hdr);
    hts_close(fp);
    if (!error.empty()) fail_data(error);
    if (rc < -1) fail_data(path + ": truncated or corrupt after record " + with_commas(n));
  }
  for (auto& c : by_tid_) {
    std::stable_sort(c.sites.begin(), c.sites.end(), [](const Site& a, const Site& b) { return a.start < b.start; });
    c.max_end.resize(c.sites.size());
    std::int64_t m = 0;
    for (std::size_t i = 0; i < c.sites.size(); ++i) {
      m = std::max(m, c.sites[i].end);
      c.max_end[i] = m;
    }
  }
}

}  // namespace helicase::bqsr
