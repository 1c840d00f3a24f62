// gatk_report.hpp -- GATKReport v1.1 files (the BQSR recalibration table format).
//
// A report is a set of named tables printed in name order. A table has typed columns
// (format "%s", "%d", "%.Nf", or "" for untyped) and rows of cells (string, integer or
// double). write_report() reproduces GATK's GATKReportTable.write byte for byte: column width
// = longest of name and formatted values, names left-justified, values right-justified
// unless some value in the column is not a number (NumberUtils.isCreatable), two spaces
// between columns, Java number formatting, rows sorted by all columns with typed comparison
// when the table asks for it. read_report() parses v1.1 files (plain or gzip), as GATK 4 does
// (fixed-width columns found from the header line), including GATK 3-era reports.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <variant>
#include <vector>

namespace helicase::bqsr {

using ReportCell = std::variant<std::string, std::int64_t, double>;

enum class ColumnType { Unknown, String, Integer, Decimal };
ColumnType column_type_for(const std::string& format);

struct ReportColumn {
  std::string name;
  std::string format;  // as given: "%s", "%d", "%.4f", or "" (untyped: printed as %s)
};

class ReportTable {
 public:
  enum class Sorting { ByColumn, None };

  ReportTable(std::string name, std::string description, std::vector<ReportColumn> columns,
              Sorting sorting = Sorting::ByColumn);

  const std::string& name() const { return name_; }
  const std::string& description() const { return description_; }
  const std::vector<ReportColumn>& columns() const { return columns_; }
  std::size_t num_rows() const { return rows_.size(); }
  Sorting sorting() const { return sorting_; }

  void add_row(std::vector<ReportCell> row);  // one cell per column, types per column
  const std::vector<ReportCell>& row(std::size_t i) const { return rows_[i]; }
  int column_index(const std::string& name) const;  // -1 when absent
  const ReportCell& cell(std::size_t row, const std::string& column) const;  // internal error if absent

  void write(std::ostream& out) const;

 private:
  std::string format_cell(const ReportCell& c, std::size_t col) const;
  std::string name_, description_;
  std::vector<ReportColumn> columns_;
  std::vector<ColumnType> types_;
  Sorting sorting_;
  std::vector<std::vector<ReportCell>> rows_;
};

class Report {
 public:
  void add_table(ReportTable table);
  const ReportTable* find(const std::string& name) const;
  const ReportTable& table(const std::string& name, const std::string& file) const;  // exit 3 if missing
  const std::vector<ReportTable>& tables() const { return tables_; }
  void write(std::ostream& out) const;  // tables in name order

 private:
  std::vector<ReportTable> tables_;  // kept sorted by name
};

// Reads a GATKReport v1.1 file (gzip-compressed or plain). Malformed content: exit 3.
Report read_report(const std::string& path);
Report parse_report(const std::string& text, const std::string& source_name);

// Writes atomically (temporary file, renamed on success).
void write_report_file(const Report& report, const std::string& path);

// String value of a cell as GATK's toString() gives it (integers plainly, doubles as
// Double.toString).
std::string cell_text(const ReportCell& c);

}  // namespace helicase::bqsr
