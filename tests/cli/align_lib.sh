# align_lib.sh -- helpers for helicase-align's CLI tests (sourced after lib.sh).

# make_align_set DIR SEED NPAIRS -- DIR/ref.fa (3 contigs of random bases, one with an N run)
# indexed by bwa, and DIR/r1.fq DIR/r2.fq: NPAIRS simulated pairs (insert ~350, 101 bp, 1%
# substitutions, some 1-3 bp indels, some N bases), plus special pairs: one mate all N,
# both mates shorter than the seed length, a mate from another contig, and one pair whose
# mate 2 is 15 bp; DIR/se.fq is r1.fq alone.
make_align_set() {
  local dir=$1 seed=$2 n=$3
  mkdir -p "$dir"
  awk -v seed="$seed" -v n="$n" -v dir="$dir" '
    function rc(s,   i, r, c) { r = ""; for (i = length(s); i >= 1; i--) { c = substr(s, i, 1);
      r = r (c == "A" ? "T" : c == "C" ? "G" : c == "G" ? "C" : c == "T" ? "A" : "N") } return r }
    function mutate(s,   i, r, c, x) { r = ""; for (i = 1; i <= length(s); i++) { c = substr(s, i, 1); x = rand();
      if (x < 0.01) c = substr("ACGT", int(rand() * 4) + 1, 1);
      else if (x < 0.0015 + 0.01) c = c substr("ACGT", int(rand() * 4) + 1, 1);
      else if (x < 0.003 + 0.01) c = "";
      else if (x < 0.004 + 0.01) c = "N";
      r = r c } return r }
    function qual(l,   q, i) { q = ""; for (i = 0; i < l; i++) q = q substr("#+5?FIJ", int(rand() * 7) + 1, 1); return q }
    BEGIN {
      srand(seed); fa = dir "/ref.fa"; f1 = dir "/r1.fq"; f2 = dir "/r2.fq";
      len[1] = 40000; len[2] = 25000; len[3] = 8000;
      for (c = 1; c <= 3; c++) { s = ""; for (i = 0; i < len[c]; i++) s = s substr("ACGT", int(rand() * 4) + 1, 1);
        if (c == 2) s = substr(s, 1, 12000) sprintf("%300s", "") substr(s, 12301);
        gsub(/ /, "N", s); ref[c] = s; print ">ctg" c " test contig " c > fa;
        for (i = 1; i <= length(s); i += 60) print substr(s, i, 60) > fa }
      for (p = 0; p < n; p++) {
        c = (p % 5 == 4) ? 2 : 1; ins = int(350 + 30 * (rand() + rand() + rand() - 1.5) * 2);
        st = int(rand() * (length(ref[c]) - ins - 2)) + 1; frag = substr(ref[c], st, ins);
        if (p % 2) frag = rc(frag);
        a = substr(mutate(frag), 1, 101); b = substr(mutate(rc(frag)), 1, 101);
        if (p == 5) b = sprintf("%101s", ""); if (p == 5) gsub(/ /, "N", b);
        if (p == 6) { a = substr(a, 1, 12); b = substr(b, 1, 12) }
        if (p == 7) b = substr(ref[3], 1000, 101);
        if (p == 8) b = substr(b, 1, 15);
        name = "sim" p ":" st;
        printf "@%s/1\n%s\n+\n%s\n", name, a, qual(length(a)) > f1;
        printf "@%s/2\n%s\n+\n%s\n", name, b, qual(length(b)) > f2 } }'
  cp "$dir/r1.fq" "$dir/se.fq"
  samtools faidx "$dir/ref.fa"
  bwa index "$dir/ref.fa" 2>/dev/null
}

# field_diff A.sam B.sam -- prints per-field mismatch counts of two SAM files' records (same
# order), "records N identical M", and returns 0 when both have the same records.
field_diff() {
  paste -d '\n' <(grep -v '^@' "$1") <(grep -v '^@' "$2") | awk -F '\t' '
    BEGIN { split("QNAME FLAG RNAME POS MAPQ CIGAR RNEXT PNEXT TLEN SEQ QUAL", name, " ") }
    NR % 2 == 1 { na = split($0, A, "\t"); next }
    { n++; same = 1
      for (i = 1; i <= 11; i++) if (A[i] != $i) { d[name[i]]++; same = 0 }
      delete ta; delete tb
      for (i = 12; i <= na; i++) ta[substr(A[i], 1, 2)] = A[i]
      for (i = 12; i <= NF; i++) tb[substr($i, 1, 2)] = $i
      for (t in ta) if (ta[t] != tb[t]) { d[t]++; same = 0 }
      for (t in tb) if (!(t in ta)) { d[t]++; same = 0 }
      if (same) s++ }
    END { printf "records %d identical %d (%.3f%%)\n", n, s, n ? 100 * s / n : 0
      for (k in d) printf "  %s differs in %d records\n", k, d[k]
      exit (n == s ? 0 : 1) }'
}
