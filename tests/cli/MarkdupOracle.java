// MarkdupOracle.java -- prints cases and the answers of Picard 2.27.5 / htsjdk's own classes
// (from picard.jar) for helicase-markdup's numeric and parsing rules; markdup_oracle_test.sh
// feeds the same cases to helicase_markdup_probe and compares. Lines: KIND<TAB>INPUT...<TAB>ANSWER.
import htsjdk.samtools.DuplicateScoringStrategy;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.util.FormatUtil;
import htsjdk.samtools.util.Histogram;
import java.util.Random;
import picard.sam.DuplicationMetrics;
import picard.sam.markduplicates.util.ReadEndsForMarkDuplicates;
import picard.sam.util.ReadNameParser;

public class MarkdupOracle {
  static final FormatUtil F = new FormatUtil();
  static final Random R = new Random(20240611);

  static void library(long pairs, long dups, long optical, long unpaired, long unpairedDups) {
    DuplicationMetrics m = new DuplicationMetrics();
    m.READ_PAIRS_EXAMINED = pairs;
    m.READ_PAIR_DUPLICATES = dups;
    m.READ_PAIR_OPTICAL_DUPLICATES = optical;
    m.UNPAIRED_READS_EXAMINED = unpaired;
    m.UNPAIRED_READ_DUPLICATES = unpairedDups;
    m.calculateDerivedFields();
    StringBuilder roi = new StringBuilder();
    Histogram<Double> h = m.calculateRoiHistogram();
    if (h == null) roi.append("-");
    else for (Histogram.Bin<Double> b : h.values()) roi.append(roi.length() == 0 ? "" : ",").append(F.format(b.getValue()));
    System.out.println("lib\t" + pairs + "\t" + dups + "\t" + optical + "\t" + unpaired + "\t" + unpairedDups + "\t"
        + F.format(m.PERCENT_DUPLICATION) + "\t" + F.format(m.ESTIMATED_LIBRARY_SIZE) + "\t" + roi);
  }

  static void format(double v) {
    System.out.println("fmt\t" + Long.toHexString(Double.doubleToRawLongBits(v)) + "\t" + F.format(v));
  }

  static String randomName() {
    String alphabet = "0123456789::::-abXY";
    int n = 1 + R.nextInt(30);
    StringBuilder s = new StringBuilder();
    if (R.nextInt(3) == 0) {  // Illumina-like, sometimes with huge or odd fields
      s.append("M0").append(R.nextInt(9)).append(":").append(R.nextInt(999)).append(":FC:").append(R.nextInt(8));
      for (int k = 0; k < 3; k++) {
        s.append(':');
        int kind = R.nextInt(10);
        if (kind == 0) s.append(Long.toString(R.nextLong() & 0xffffffffffL));
        else if (kind == 1) s.append("-").append(R.nextInt(70000));
        else if (kind == 2) s.append(R.nextInt(70000)).append("#0/1");
        else if (kind == 3) s.append("x");
        else s.append(R.nextInt(70000));
      }
      return s.toString();
    }
    for (int k = 0; k < n; k++) s.append(alphabet.charAt(R.nextInt(alphabet.length())));
    return s.toString();
  }

  static void name(ReadNameParser parser, String kind, String name) {
    ReadEndsForMarkDuplicates loc = new ReadEndsForMarkDuplicates();
    boolean ok = parser.addLocationInformation(name, loc);
    System.out.println(kind + "\t" + name + "\t" + (ok ? 1 : 0) + " " + loc.getTile() + " " + loc.getX() + " " + loc.getY());
  }

  static String randomCigar(boolean allowEmptyRef) {
    String ops = "MIDNSHP=X";
    StringBuilder c = new StringBuilder();
    if (R.nextBoolean()) c.append(1 + R.nextInt(30)).append(R.nextBoolean() ? 'H' : 'S');
    if (R.nextInt(5) == 0) c.append(1 + R.nextInt(10)).append('S');
    int n = allowEmptyRef ? R.nextInt(4) : 1 + R.nextInt(4);
    for (int k = 0; k < n; k++) c.append(1 + R.nextInt(200)).append(ops.charAt(R.nextInt(ops.length())));
    if (R.nextBoolean()) c.append(1 + R.nextInt(30)).append('S');
    if (R.nextInt(3) == 0) c.append(1 + R.nextInt(30)).append('H');
    if (c.length() == 0) c.append("10M");
    return c.toString();
  }

  public static void main(String[] args) {
    // Library size, percent duplication and the ROI curve.
    library(0, 0, 0, 0, 0);
    library(2, 1, 1, 0, 0);
    library(9, 2, 0, 3, 0);
    library(25855, 96, 4, 162, 37);
    for (int i = 0; i < 1500; i++) {
      long pairs = (long) Math.pow(10, R.nextDouble() * 9);
      long dups = (long) (pairs * R.nextDouble() * R.nextDouble());
      long optical = (long) (dups * R.nextDouble() * 0.5);
      long unpaired = (long) (pairs * R.nextDouble() * 0.1);
      long unpairedDups = (long) (unpaired * R.nextDouble() * 0.5);
      library(pairs, dups, optical, unpaired, unpairedDups);
    }
    // DecimalFormat with 6 digits, HALF_DOWN.
    double[] fixed = {0, -0.0, 0.5, 0.0078125, 0.0000005, 0.0000015, 0.0000025, 1.0000005, 2.5e-7, 0.1234565,
        0.9999995, 0.99999949999, 123456.1234565, 1e9 + 0.5, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, -1.5, 4294967295.9999995, 1e-300};
    for (double v : fixed) format(v);
    for (double v : new double[] {5e-7, 1e-7, 1e-6, 1.5e-6, 5e-6, 5e-8}) {
      format(v);
      format(Math.nextDown(v));
      format(Math.nextUp(v));
      format(-v);
    }
    for (int i = 0; i < 3000; i++) format(Math.pow(10, -8 + 3 * R.nextDouble()));
    for (int i = 0; i < 20000; i++) {
      double v;
      switch (i % 4) {
        case 0: v = R.nextDouble(); break;
        case 1: v = R.nextDouble() * Math.pow(10, R.nextInt(10)); break;
        case 2: v = (R.nextInt(2000000) + 0.5) / 1e6 * (R.nextInt(4) + 1); break;  // near ties
        default: v = R.nextInt(1 << 20) / 1024.0 / 1024.0 * R.nextInt(100); break;  // exact binary fractions
      }
      format(v);
    }
    // Histogram bin keys: Double.toString.
    for (double v : new double[] {1, 2, 100, 9999999, 1e7, 12345678, 1.5e8, 300000}) {
      System.out.println("key\t" + Long.toHexString(Double.doubleToRawLongBits(v)) + "\t" + Double.toString(v));
    }
    // Read-name parsing: the default fast path and a READ_NAME_REGEX.
    ReadNameParser fast = new ReadNameParser();
    String regex = "(?:.*:)?([0-9]+)[^:]*:([0-9]+)[^:]*:([0-9]+)[^:]*$";
    for (int i = 0; i < 5000; i++) {
      String n = randomName();
      name(fast, "name", n);
      name(new ReadNameParser(regex), "regex", n);
    }
    // Duplicate scores and unclipped 5' ends.
    String[] names = new String[2000];
    for (int i = 0; i < names.length; i++) names[i] = randomName();
    for (int i = 0; i < 4000; i++) {
      SAMRecord rec = new SAMRecord(null);
      rec.setReadName(names[R.nextInt(names.length)]);
      rec.setReadUnmappedFlag(false);
      rec.setReadFailsVendorQualityCheckFlag(R.nextInt(4) == 0);
      rec.setReadNegativeStrandFlag(R.nextBoolean());
      String cigar = randomCigar(i % 7 == 0);
      rec.setCigarString(cigar);
      int pos = 1 + R.nextInt(1 << 29);
      rec.setAlignmentStart(pos);
      int len = R.nextInt(5) == 0 ? 1000 + R.nextInt(2000) : R.nextInt(160);
      byte[] q = new byte[len];
      StringBuilder qs = new StringBuilder();
      for (int k = 0; k < len; k++) {
        q[k] = (byte) (R.nextInt(10) == 0 ? 200 + R.nextInt(56) : R.nextInt(94));
        qs.append(k == 0 ? "" : ",").append(q[k] & 0xff);
      }
      rec.setBaseQualities(q);
      DuplicateScoringStrategy.ScoringStrategy s = DuplicateScoringStrategy.ScoringStrategy.values()[i % 3];
      int flags = rec.getFlags();
      int coord = rec.getReadNegativeStrandFlag() ? rec.getUnclippedEnd() : rec.getUnclippedStart();
      System.out.println("score\t" + s.ordinal() + "\t" + flags + "\t" + rec.getReadName() + "\t" + cigar + "\t" + (pos - 1) + "\t"
          + (len == 0 ? "-" : qs.toString()) + "\t" + DuplicateScoringStrategy.computeDuplicateScore(rec, s) + " " + coord);
    }
  }
}
