// gatk_report.cpp -- GATKReport v1.1 reading and byte-exact writing.
#include "bqsr/gatk_report.hpp"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include "bqsr/java_format.hpp"
#include "common/atomic_file.hpp"
#include "common/error.hpp"

namespace helicase::bqsr {
namespace {

const char* kTablePrefix = "#:GATKTable";
const char* kReportPrefix = "#:GATKReport.";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string trim(const std::string& s) {
  // Java String.trim(): strips characters <= ' ' at both ends.
  std::size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
  return s.substr(b, e - b);
}

// Java's String.split(":"): trailing empty strings removed.
std::vector<std::string> split_colon(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t p = s.find(':', start);
    if (p == std::string::npos) {
      out.push_back(s.substr(start));
      break;
    }
    out.push_back(s.substr(start, p - start));
    start = p + 1;
  }
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

bool right_align(const std::string& formatted) {
  return formatted == "null" || formatted == "NA" || formatted == "Infinity" || formatted == "-Infinity" ||
         formatted == "NaN" || java_is_creatable(trim(formatted));
}

int decimals_of(const std::string& format) {
  // "%.4f" -> 4; a decimal format without precision ("%f") means Java's default of 6.
  const std::size_t dot = format.find('.');
  if (dot == std::string::npos) return 6;
  return std::atoi(format.c_str() + dot + 1);
}

int compare_cells(const ReportCell& a, const ReportCell& b) {
  if (a.index() != b.index()) {
    const std::string sa = cell_text(a), sb = cell_text(b);
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  }
  if (const auto* s = std::get_if<std::string>(&a)) {
    const auto& t = std::get<std::string>(b);
    return *s < t ? -1 : *s > t ? 1 : 0;
  }
  if (const auto* i = std::get_if<std::int64_t>(&a)) {
    const auto j = std::get<std::int64_t>(b);
    return *i < j ? -1 : *i > j ? 1 : 0;
  }
  // Double.compareTo: -0.0 < 0.0, NaN greatest.
  const double x = std::get<double>(a), y = std::get<double>(b);
  if (x < y) return -1;
  if (x > y) return 1;
  if (std::isnan(x) || std::isnan(y)) return std::isnan(x) ? (std::isnan(y) ? 0 : 1) : -1;
  if (std::signbit(x) != std::signbit(y)) return std::signbit(x) ? -1 : 1;
  return 0;
}

[[noreturn]] void bad_report(const std::string& source, const std::string& what) {
  fail_data(source + ": not a valid GATKReport v1.1 recalibration table: " + what);
}

}  // namespace

ColumnType column_type_for(const std::string& format) {
  static const std::regex kDecimal("%.*[EeFf]"), kInteger("%[Dd]"), kString("%[Ss]");
  if (format.empty()) return ColumnType::Unknown;
  if (std::regex_match(format, kDecimal)) return ColumnType::Decimal;
  if (std::regex_match(format, kInteger)) return ColumnType::Integer;
  if (std::regex_match(format, kString)) return ColumnType::String;
  return ColumnType::Unknown;
}

std::string cell_text(const ReportCell& c) {
  if (const auto* s = std::get_if<std::string>(&c)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&c)) return std::to_string(*i);
  return java_double_to_string(std::get<double>(c));
}

ReportTable::ReportTable(std::string name, std::string description, std::vector<ReportColumn> columns, Sorting sorting)
    : name_(std::move(name)), description_(std::move(description)), columns_(std::move(columns)), sorting_(sorting) {
  for (const auto& c : columns_) types_.push_back(column_type_for(c.format));
}

void ReportTable::add_row(std::vector<ReportCell> row) {
  if (row.size() != columns_.size()) fail_internal("report table " + name_ + ": row has the wrong number of cells");
  rows_.push_back(std::move(row));
}

int ReportTable::column_index(const std::string& name) const {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

const ReportCell& ReportTable::cell(std::size_t row, const std::string& column) const {
  const int c = column_index(column);
  if (c < 0) fail_internal("report table " + name_ + " has no column " + column);
  return rows_[row][static_cast<std::size_t>(c)];
}

std::string ReportTable::format_cell(const ReportCell& c, std::size_t col) const {
  const ColumnType t = types_[col];
  if (const auto* d = std::get_if<double>(&c)) {
    if (t == ColumnType::Unknown) return java_fixed(*d, 8);
    if (!std::isfinite(*d)) return java_double_to_string(*d);
    if (t == ColumnType::Decimal) return java_fixed(*d, decimals_of(columns_[col].format));
    return java_double_to_string(*d);
  }
  if (const auto* i = std::get_if<std::int64_t>(&c)) {
    if (t == ColumnType::Decimal) fail_internal("report table " + name_ + ": integer in a decimal column");
    return std::to_string(*i);
  }
  return std::get<std::string>(c);
}

void ReportTable::write(std::ostream& out) const {
  const std::size_t ncol = columns_.size();
  std::vector<std::vector<ReportCell>> rows = rows_;
  if (sorting_ == Sorting::ByColumn) {
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      for (std::size_t i = 0; i < a.size(); ++i) {
        const int c = compare_cells(a[i], b[i]);
        if (c != 0) return c < 0;
      }
      return false;
    });
  }
  // Formatted values, widths and alignment (GATKReportColumn.updateFormatting).
  std::vector<std::vector<std::string>> text(rows.size(), std::vector<std::string>(ncol));
  std::vector<std::size_t> width(ncol);
  std::vector<bool> right(ncol, true);
  for (std::size_t c = 0; c < ncol; ++c) width[c] = columns_[c].name.size();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < ncol; ++c) {
      text[r][c] = format_cell(rows[r][c], c);
      const std::string& v = text[r][c];
      if (v.empty()) continue;
      width[c] = std::max(width[c], v.size());
      if (right[c]) right[c] = right_align(v);
    }
  }
  out << kTablePrefix << ':' << ncol << ':' << rows.size();
  for (std::size_t c = 0; c < ncol; ++c) out << ':' << (types_[c] == ColumnType::Unknown ? "%s" : columns_[c].format);
  out << ":;\n";
  out << kTablePrefix << ':' << name_ << ':' << description_ << '\n';
  auto pad = [&out](const std::string& v, std::size_t w, bool right_justify) {
    if (right_justify && v.size() < w) out << std::string(w - v.size(), ' ');
    out << v;
    if (!right_justify && v.size() < w) out << std::string(w - v.size(), ' ');
  };
  for (std::size_t c = 0; c < ncol; ++c) {
    if (c) out << "  ";
    pad(columns_[c].name, width[c], false);
  }
  out << '\n';
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < ncol; ++c) {
      if (c) out << "  ";
      pad(text[r][c], width[c], right[c]);
    }
    out << '\n';
  }
  out << '\n';
}

void Report::add_table(ReportTable table) {
  auto it = std::lower_bound(tables_.begin(), tables_.end(), table.name(),
                             [](const ReportTable& t, const std::string& n) { return t.name() < n; });
  if (it != tables_.end() && it->name() == table.name()) {
    *it = std::move(table);  // GATK's TreeMap keeps the last table of a name
  } else {
    tables_.insert(it, std::move(table));
  }
}

const ReportTable* Report::find(const std::string& name) const {
  for (const auto& t : tables_) {
    if (t.name() == name) return &t;
  }
  return nullptr;
}

const ReportTable& Report::table(const std::string& name, const std::string& file) const {
  const ReportTable* t = find(name);
  if (!t) fail_data(file + ": the recalibration report has no " + name + " table");
  return *t;
}

void Report::write(std::ostream& out) const {
  out << kReportPrefix << "v1.1:" << tables_.size() << '\n';
  for (const auto& t : tables_) t.write(out);
}

Report parse_report(const std::string& text, const std::string& source) {
  std::vector<std::string> lines;
  {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t nl = text.find('\n', start);
      if (nl == std::string::npos) nl = text.size();
      std::string line = text.substr(start, nl - start);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(std::move(line));
      start = nl + 1;
    }
  }
  std::size_t li = 0;
  auto next_line = [&](const char* what) -> const std::string& {
    if (li >= lines.size()) bad_report(source, std::string("file ends before ") + what);
    return lines[li++];
  };
  const std::string& header = next_line("the report header");
  if (header.rfind(kReportPrefix, 0) != 0) bad_report(source, "first line is not a #:GATKReport header");
  const auto hfields = split_colon(header);
  if (hfields.size() < 3 || hfields[1] != "GATKReport.v1.1") {
    bad_report(source, "unsupported report version '" + (hfields.size() > 1 ? hfields[1] : header) + "' (only v1.1)");
  }
  int ntables = 0;
  {
    const auto& f = hfields[2];
    if (std::from_chars(f.data(), f.data() + f.size(), ntables).ec != std::errc() || ntables < 0) {
      bad_report(source, "bad table count '" + f + "'");
    }
  }
  Report report;
  for (int t = 0; t < ntables; ++t) {
    const auto data = split_colon(next_line("a table header"));
    const auto names = split_colon(next_line("a table name line"));
    if (data.size() < 4 || data[0] != "#" || data[1] != "GATKTable" || names.size() < 3 || names[0] != "#" ||
        names[1] != "GATKTable") {
      bad_report(source, "malformed table header near line " + std::to_string(li));
    }
    int ncol = 0, nrow = 0;
    if (std::from_chars(data[2].data(), data[2].data() + data[2].size(), ncol).ec != std::errc() ||
        std::from_chars(data[3].data(), data[3].data() + data[3].size(), nrow).ec != std::errc() || ncol <= 0 ||
        nrow < 0 || data.size() < 4 + static_cast<std::size_t>(ncol)) {
      bad_report(source, "bad column or row count near line " + std::to_string(li));
    }
    const std::string table_name = names[2];
    const std::string description = names.size() > 3 ? names[3] : "";
    // Column starts: a non-space after a space (TextFormattingUtils.getWordStarts).
    const std::string& col_line = next_line("a column header line");
    std::vector<std::size_t> starts;
    for (std::size_t i = 1; i < col_line.size(); ++i) {
      if (is_space(col_line[i - 1]) && !is_space(col_line[i])) starts.push_back(i);
    }
    auto split_fixed = [&starts](const std::string& line) {
      std::vector<std::string> out;
      std::size_t prev = 0;
      for (std::size_t s : starts) {
        out.push_back(trim(prev < line.size() ? line.substr(prev, s > prev ? s - prev : 0) : std::string()));
        prev = s;
      }
      out.push_back(trim(prev < line.size() ? line.substr(prev) : std::string()));
      return out;
    };
    const auto col_names = split_fixed(col_line);
    if (col_names.size() < static_cast<std::size_t>(ncol)) bad_report(source, "table " + table_name + ": too few column names");
    std::vector<ReportColumn> columns;
    for (int c = 0; c < ncol; ++c) columns.push_back({col_names[static_cast<std::size_t>(c)], data[4 + static_cast<std::size_t>(c)]});
    ReportTable table(table_name, description, columns, ReportTable::Sorting::None);
    for (int r = 0; r < nrow; ++r) {
      const auto cells = split_fixed(next_line("a table row"));
      if (cells.size() < static_cast<std::size_t>(ncol)) {
        bad_report(source, "table " + table_name + " row " + std::to_string(r + 1) + " has too few columns");
      }
      std::vector<ReportCell> row;
      for (int c = 0; c < ncol; ++c) {
        const std::string& v = cells[static_cast<std::size_t>(c)];
        switch (column_type_for(columns[static_cast<std::size_t>(c)].format)) {
          case ColumnType::Integer: {
            std::int64_t x = 0;
            const char* b = v.data();
            const char* e = v.data() + v.size();
            if (b != e && *b == '+') ++b;
            const auto res = std::from_chars(b, e, x);
            if (b == e || res.ec != std::errc() || res.ptr != e) {
              bad_report(source, "table " + table_name + ": '" + v + "' is not an integer");
            }
            row.emplace_back(x);
            break;
          }
          case ColumnType::Decimal: {
            char* end = nullptr;
            errno = 0;
            const double x = std::strtod(v.c_str(), &end);
            if (v.empty() || end != v.c_str() + v.size()) {
              bad_report(source, "table " + table_name + ": '" + v + "' is not a number");
            }
            row.emplace_back(x);
            break;
          }
          default:
            row.emplace_back(v);
        }
      }
      table.add_row(std::move(row));
    }
    if (li < lines.size()) ++li;  // the blank line closing the table
    report.add_table(std::move(table));
  }
  return report;
}

Report read_report(const std::string& path) {
  require_readable(path);
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) fail_io("cannot open " + path + ": " + errno_text(errno));
  std::string text;
  char buf[1 << 16];
  for (;;) {
    const int n = gzread(f, buf, sizeof buf);
    if (n < 0) {
      int err = 0;
      const std::string msg = gzerror(f, &err);
      gzclose(f);
      fail_data(path + ": cannot decompress: " + msg);
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  gzclose(f);
  return parse_report(text, path);
}

void write_report_file(const Report& report, const std::string& path) {
  require_writable_dir_for(path);
  AtomicOutput out(path);
  {
    std::ofstream f(out.temp_path(), std::ios::binary | std::ios::trunc);
    if (!f) fail_io("cannot open " + path + " for writing: " + errno_text(errno));
    report.write(f);
    f.flush();
    if (!f) fail_io("cannot write " + path + " (disk full?)");
  }
  out.commit();
}

}  // namespace helicase::bqsr
