#!/usr/bin/env bash
# benchmarks/gpu/run.sh -- the one prepared command for a GPU machine; run it from the repository
# root:  bash benchmarks/gpu/run.sh
#
#  1. reads the GPU's compute capability (nvidia-smi --query-gpu=compute_cap; 90 when unknown);
#  2. uses build-gpu as it is when benchmarks/gpu/prepare.sh made it (carried from a machine with
#     the build dependencies); otherwise configures build-gpu with -DHELICASE_CUDA=ON
#     -DCMAKE_CUDA_ARCHITECTURES=<cc without the dot>, unless build-gpu is already configured for
#     that architecture (then it only builds);
#  3. builds with all cores and runs ctest -L gpu --output-on-failure;
#  4. benchmarks helicase-fastq --device gpu against --device cpu (all cores) on generated input
#     (~1M reads 2x150 from dwgsim over a 2 Mbp slice of the vt-examples chr20, as plain FASTQ and,
#     with bgzip, as BGZF; without dwgsim/vt-examples an awk-made synthetic pair is used instead,
#     and if that fails too the benchmark is skipped with a message), and on the NA12878 test pair
#     when present; prints wall times, the cpu/gpu ratio, and whether the two metrics JSON files are
#     byte-identical (cmp);
#  5. runs helicase-kernel-bench (benchmarks/kernels): CPU and GPU throughput of the alignment
#     kernels and PairHMM in reads/s and GCUPS, with and without copies, and GPU == CPU per item
#     (~40 s; KERNEL_BENCH_SECONDS per measurement, default 2);
#  6. runs helicase-haplotypecaller --device cpu and --device gpu on a self-made 1 Mbp, 30x data
#     set (awk: random contig, diploid SNPs, true alignments as SAM) and compares the records;
#  7. prints a short final table.
# Logs (run.log, configure/build/ctest logs, the metrics JSON files, summary.txt) go to $OUT when
# set, else to build-gpu/gpu-report. Budget: about 5 minutes including the build (benchmarks are
# skipped once GPU_RUN_BUDGET_S, default 270 s, is spent). Exit status: non-zero when the build
# fails, a GPU test fails, GPU and CPU metrics differ, or a kernel's GPU output differs from its
# CPU output; a benchmark that cannot run is not an
# error.
set -uo pipefail

BUILD=build-gpu
REPORT=${OUT:-$BUILD/gpu-report}
BUDGET_S=${GPU_RUN_BUDGET_S:-270}
PAIRS=${GPU_BENCH_PAIRS:-500000}  # 2 reads each: ~1M reads, ~360 MB of FASTQ
REPEATS=${GPU_BENCH_REPEATS:-3}
REF_GZ=/usr/share/doc/vt/examples/ref/20.fa.gz
REGION=20:20000001-22000000
SEED=4242

NPROC=$(nproc 2>/dev/null || echo 4)
START=$SECONDS
SUMMARY=()  # "step<TAB>result<TAB>seconds"
KBENCH=""   # helicase-kernel-bench's table
BENCH=()    # "input<TAB>device<TAB>best wall s<TAB>MB/s<TAB>cpu/gpu<TAB>metrics"
STATUS=0

say() { echo "== [$((SECONDS - START))s] $*"; }
step() { SUMMARY+=("$1"$'\t'"$2"$'\t'"$3"); }
now_ns() { date +%s%N; }
left_s() { echo $((BUDGET_S - (SECONDS - START))); }

detect_cc() {
  local cc=""
  if command -v nvidia-smi >/dev/null 2>&1; then
    cc=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -n 1 | tr -d ' .\r')
    nvidia-smi --query-gpu=name,memory.total,driver_version,compute_cap --format=csv 2>&1 | sed 's/^/   /'
  else
    echo "   nvidia-smi not found"
  fi
  if [[ ! $cc =~ ^[0-9]{2,3}$ ]]; then
    echo "   compute capability unknown ('$cc'); using 90"
    cc=90
  fi
  CC=$cc
}

# A folder made by benchmarks/gpu/prepare.sh on a machine with the build dependencies: use
# it as it is (the GPU machine lacks HTSlib's headers), with its bundled shared libraries.
# ctest files hold the absolute source path of that machine: make it point here.
use_prebuilt() {
  [[ -f $BUILD/.prebuilt && -x $BUILD/bin/helicase-fastq ]] || return 1
  export LD_LIBRARY_PATH="$PWD/$BUILD/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  local src
  src=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$BUILD/CMakeCache.txt")
  if [[ -n $src && $src != "$PWD" && ! -e $src ]]; then
    mkdir -p "$(dirname "$src")" && ln -s "$PWD" "$src"
  fi
  say "using the prebuilt $BUILD (built for $(sed -n 's/^CMAKE_CUDA_ARCHITECTURES:[A-Z]*=//p' "$BUILD/CMakeCache.txt"))"
  step "build (prebuilt, carried)" ok 0
}

build() {
  local t0=$SECONDS cached=""
  if use_prebuilt; then return 0; fi
  if [[ -f $BUILD/CMakeCache.txt ]] &&
    grep -Eq "^CMAKE_CUDA_ARCHITECTURES:[A-Z]+=${CC}\$" "$BUILD/CMakeCache.txt" &&
    grep -Eq "^HELICASE_CUDA:[A-Z]+=ON\$" "$BUILD/CMakeCache.txt"; then
    cached=1
    say "build-gpu is already configured for sm_$CC: building only"
  else
    say "configuring $BUILD for sm_$CC"
    if ! cmake -S . -B "$BUILD" -DHELICASE_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES="$CC" -DCMAKE_BUILD_TYPE=Release \
      >"$REPORT/configure.log" 2>&1; then
      tail -n 30 "$REPORT/configure.log"
      step configure FAILED $((SECONDS - t0))
      return 1
    fi
  fi
  say "building with $NPROC jobs"
  if ! cmake --build "$BUILD" -j "$NPROC" >"$REPORT/build.log" 2>&1; then
    grep -E "error|Error" "$REPORT/build.log" | head -n 30
    tail -n 20 "$REPORT/build.log"
    step build FAILED $((SECONDS - t0))
    return 1
  fi
  step "build (sm_$CC${cached:+, configured before})" ok $((SECONDS - t0))
}

run_gpu_tests() {
  local t0=$SECONDS rc
  say "ctest -L gpu"
  ctest --test-dir "$BUILD" -L gpu --output-on-failure --timeout 240 >"$REPORT/ctest.log" 2>&1
  rc=$?
  grep -E "tests passed|Test +#|Skipped|Not Run|Failed" "$REPORT/ctest.log" | sed 's/^/   /'
  local skipped
  skipped=$(grep -c -E "\*\*\*Skipped|Not Run" "$REPORT/ctest.log")
  ((skipped > 0)) || skipped=""
  if ((rc != 0)); then
    tail -n 40 "$REPORT/ctest.log"
    step "ctest -L gpu" "FAILED (exit $rc)" $((SECONDS - t0))
    STATUS=1
  else
    step "ctest -L gpu" "ok${skipped:+, $skipped skipped}" $((SECONDS - t0))
  fi
}

# ---------------------------------------------------------------- kernel throughput
kernel_bench() {
  local bin=$BUILD/bin/helicase-kernel-bench t0=$SECONDS rc
  if [[ ! -x $bin ]]; then
    echo "   $bin missing: no kernel benchmark"
    step "kernel benchmark" "skipped (not built)" 0
    return
  fi
  if (($(left_s) < 60)); then
    step "kernel benchmark" "skipped (time budget)" 0
    return
  fi
  say "kernel throughput (helicase-kernel-bench)"
  timeout 150 "$bin" --seconds "${KERNEL_BENCH_SECONDS:-2}" >"$REPORT/kernel-bench.txt" 2>&1
  rc=$?
  sed 's/^/   /' "$REPORT/kernel-bench.txt"
  KBENCH=$(grep -v '^#' "$REPORT/kernel-bench.txt")
  if ((rc != 0)); then
    step "kernel benchmark" "FAILED (exit $rc)" $((SECONDS - t0))
    STATUS=1
  elif grep -q "gpu==cpu.*DIFFER" "$REPORT/kernel-bench.txt"; then
    step "kernel benchmark" "GPU != CPU" $((SECONDS - t0))
    STATUS=1
  else
    step "kernel benchmark" ok $((SECONDS - t0))
  fi
}

# ---------------------------------------------------------------- benchmark input
DATA=$BUILD/bench-data
SIM_R1=$DATA/sim_R1.fastq SIM_R2=$DATA/sim_R2.fastq SIM_KIND=""

make_dwgsim() {  # 4 dwgsim processes in parallel, each a quarter of the pairs, concatenated in order
  command -v dwgsim >/dev/null && command -v samtools >/dev/null && [[ -r $REF_GZ ]] || return 1
  local tmp=$DATA/tmp parts=4 k pids=()
  rm -rf "$tmp" && mkdir -p "$tmp" || return 1
  samtools faidx "$REF_GZ" "$REGION" 2>"$tmp/faidx.log" | sed '1s/.*/>chr20_20M_22M/' >"$tmp/ref.fa" || return 1
  [[ -s $tmp/ref.fa ]] || return 1
  for ((k = 0; k < parts; k++)); do
    dwgsim -z $((SEED + k)) -N $((PAIRS / parts)) -1 150 -2 150 -e 0.002 -E 0.004 -y 0 -o 1 -P "p$k." \
      "$tmp/ref.fa" "$tmp/d$k" >"$tmp/d$k.log" 2>&1 &
    pids+=($!)
  done
  for k in "${pids[@]}"; do wait "$k" || return 1; done
  local m
  for m in 1 2; do
    : >"$tmp/R$m"
    for ((k = 0; k < parts; k++)); do
      if [[ -f $tmp/d$k.bwa.read$m.fastq.gz ]]; then
        gzip -dc "$tmp/d$k.bwa.read$m.fastq.gz" >>"$tmp/R$m" || return 1
      else
        cat "$tmp/d$k.bwa.read$m.fastq" >>"$tmp/R$m" || return 1
      fi
    done
  done
  mv "$tmp/R1" "$SIM_R1" && mv "$tmp/R2" "$SIM_R2" && rm -rf "$tmp"
}

make_awk() {  # fallback: reads cut at random offsets from random base/quality pools (awk only)
  awk -v n="$PAIRS" -v seed="$SEED" -v f1="$DATA/awk_R1" -v f2="$DATA/awk_R2" 'BEGIN {
    srand(seed)
    for (c = 0; c < 64; c++) {
      b = ""; q = ""
      for (i = 0; i < 256; i++) {
        r = rand(); b = b (r < 0.001 ? "N" : substr("ACGT", int(rand() * 4) + 1, 1))
        q = q sprintf("%c", 35 + int(rand() * 6) + (rand() < 0.9 ? 30 : 0))
      }
      bases = bases b; quals = quals q
    }
    span = length(bases) - 150
    for (i = 0; i < n; i++) {
      name = sprintf("@SYN:1:FC0001:1:%d:%d:%d", 1101 + i % 100, i % 30000, int(i / 30000))
      printf "%s/1\n%s\n+\n%s\n", name, substr(bases, int(rand() * span) + 1, 150), substr(quals, int(rand() * span) + 1, 150) > f1
      printf "%s/2\n%s\n+\n%s\n", name, substr(bases, int(rand() * span) + 1, 150), substr(quals, int(rand() * span) + 1, 150) > f2
    }
  }' && mv "$DATA/awk_R1" "$SIM_R1" && mv "$DATA/awk_R2" "$SIM_R2"
}

make_input() {
  local t0=$SECONDS
  mkdir -p "$DATA" || return 1
  if [[ -f $DATA/kind && -s $SIM_R1 && -s $SIM_R2 && $(cat "$DATA/kind") == *"$PAIRS pairs"* ]]; then
    SIM_KIND=$(cat "$DATA/kind")
  else
    rm -f "$DATA/kind" "$SIM_R1" "$SIM_R2" "$SIM_R1.gz" "$SIM_R2.gz"
    say "generating $PAIRS read pairs 2x150"
    if make_dwgsim; then
      SIM_KIND="dwgsim $PAIRS pairs"
    else
      echo "   dwgsim, samtools or $REF_GZ unavailable (or dwgsim failed): using the awk generator"
      rm -rf "$DATA/tmp"
      if make_awk; then SIM_KIND="awk synthetic $PAIRS pairs"; else
        echo "   could not generate benchmark input: skipping the generated-input benchmark"
        step "benchmark input" "skipped (cannot generate)" $((SECONDS - t0))
        return 1
      fi
    fi
    echo "$SIM_KIND" >"$DATA/kind"
  fi
  if command -v bgzip >/dev/null && [[ ! -s $SIM_R1.gz || ! -s $SIM_R2.gz ]]; then
    if ! { bgzip -@ "$NPROC" -c "$SIM_R1" >"$SIM_R1.gz" && bgzip -@ "$NPROC" -c "$SIM_R2" >"$SIM_R2.gz"; }; then
      rm -f "$SIM_R1.gz" "$SIM_R2.gz"
    fi
  fi
  step "benchmark input ($SIM_KIND)" ok $((SECONDS - t0))
}

# ---------------------------------------------------------------- benchmark
# best_wall DEVICE R1 R2 JSON: best wall (s) of REPEATS runs; "" on failure.
best_wall() {
  local dev=$1 r1=$2 r2=$3 json=$4 i t0 t1 best="" w
  for ((i = 0; i < REPEATS; i++)); do
    t0=$(now_ns)
    if ! "$BIN" --in-fq "$r1" "$r2" --device "$dev" --quiet --no-summary --out-metrics "$json" \
      2>>"$REPORT/bench-errors.log"; then
      echo ""
      return
    fi
    t1=$(now_ns)
    w=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    if [[ -z $best ]] || awk -v a="$w" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$w; fi
  done
  echo "$best"
}

bench_pair() {  # NAME R1 R2
  local name=$1 r1=$2 r2=$3 bytes cpu gpu same ratio
  if (($(left_s) < 20)); then
    echo "   out of time budget: skipping $name"
    BENCH+=("$name"$'\t'"-"$'\t'"-"$'\t'"-"$'\t'"-"$'\t'"skipped (time budget)")
    return
  fi
  say "benchmark $name"
  if [[ $r1 == *.gz ]]; then bytes=$(gzip -dc "$r1" "$r2" | wc -c); else bytes=$(cat "$r1" "$r2" | wc -c); fi
  # A first untimed GPU run pays the CUDA context start-up; it is reported separately.
  local t0 t1
  t0=$(now_ns)
  "$BIN" --in-fq "$r1" "$r2" --device gpu --quiet --no-summary --out-metrics "$REPORT/$name.warm.json" \
    2>>"$REPORT/bench-errors.log"
  t1=$(now_ns)
  echo "   first gpu run (cold): $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') s"
  cpu=$(best_wall cpu "$r1" "$r2" "$REPORT/$name.cpu.json")
  gpu=$(best_wall gpu "$r1" "$r2" "$REPORT/$name.gpu.json")
  if [[ -z $cpu || -z $gpu ]]; then
    echo "   a run failed: $(tail -n 3 "$REPORT/bench-errors.log" 2>/dev/null)"
    BENCH+=("$name"$'\t'"${cpu:-fail}"$'\t'"${gpu:-fail}"$'\t'"-"$'\t'"-"$'\t'"run failed")
    STATUS=1
    return
  fi
  if cmp -s "$REPORT/$name.cpu.json" "$REPORT/$name.gpu.json"; then same=identical; else
    same="DIFFER"
    STATUS=1
    diff "$REPORT/$name.cpu.json" "$REPORT/$name.gpu.json" | head -n 20
  fi
  ratio=$(awk -v c="$cpu" -v g="$gpu" 'BEGIN { printf "%.2f", c / g }')
  echo "   cpu $cpu s ($(awk -v b="$bytes" -v w="$cpu" 'BEGIN { printf "%.0f", b / 1e6 / w }') MB/s)," \
    "gpu $gpu s ($(awk -v b="$bytes" -v w="$gpu" 'BEGIN { printf "%.0f", b / 1e6 / w }') MB/s)," \
    "cpu/gpu $ratio, metrics $same"
  BENCH+=("$name"$'\t'"$cpu"$'\t'"$gpu"$'\t'"$(awk -v b="$bytes" -v w="$gpu" 'BEGIN { printf "%.0f", b / 1e6 / w }')"$'\t'"$ratio"$'\t'"$same")
}

benchmarks() {
  BIN=$BUILD/bin/helicase-fastq
  if [[ ! -x $BIN ]]; then
    echo "   $BIN missing: no benchmark"
    return
  fi
  local version line
  version=$("$BUILD/bin/helicase" --version 2>&1)
  while IFS= read -r line; do echo "   $line"; done <<<"$version"
  if ! grep -q "GPU 0:" <<<"$version"; then
    echo "   no usable GPU reported by helicase --version: skipping the GPU benchmark"
    step "benchmark" "skipped (no usable GPU)" 0
    return
  fi
  local t0=$SECONDS
  if make_input; then
    bench_pair "${SIM_KIND%% *}-plain" "$SIM_R1" "$SIM_R2"
    if [[ -s $SIM_R1.gz && -s $SIM_R2.gz ]]; then bench_pair "${SIM_KIND%% *}-bgzf" "$SIM_R1.gz" "$SIM_R2.gz"; fi
  fi
  local td=${HELICASE_TESTDATA:-../shared/testdata}/na12878_chr20_10M
  if [[ -r $td/NA12878_S1_R1.fastq.gz && -r $td/NA12878_S1_R2.fastq.gz ]]; then
    bench_pair na12878 "$td/NA12878_S1_R1.fastq.gz" "$td/NA12878_S1_R2.fastq.gz"
  fi
  step "benchmarks" "done" $((SECONDS - t0))
}

# ---------------------------------------------------------------- haplotypecaller end to end
# A self-made data set (awk only: the GPU machine has no samtools or aligner): a random 1 Mbp
# contig, a diploid sample with a SNP every ~700 bp (het or hom), 30x of 150 bp reads from both
# haplotypes with Q30 errors at 0.5%, written as a coordinate-sorted SAM with their true
# alignments. helicase-haplotypecaller runs on it with --device cpu and --device gpu (all cores);
# the records (not the ## header lines, which hold the command line) must be identical.
make_hc_input() {
  local dir=$1
  mkdir -p "$dir" || return 1
  [[ -s $dir/hc.sam && -s $dir/hc_ref.fa ]] && return 0
  awk -v seed="$SEED" -v dir="$dir" 'BEGIN {
    srand(seed); L = 1000000; depth = 30; rl = 150
    for (i = 1; i <= L; i++) ref[i] = substr("ACGT", int(rand() * 4) + 1, 1)
    for (i = 1; i <= L; i++) { h1[i] = ref[i]; h2[i] = ref[i] }
    for (p = 500; p < L - 500; p += 400 + int(rand() * 600)) {
      alt = ref[p]; while (alt == ref[p]) alt = substr("ACGT", int(rand() * 4) + 1, 1)
      h1[p] = alt; if (rand() < 0.35) h2[p] = alt
    }
    print ">hc1" > (dir "/hc_ref.fa")
    line = ""; for (i = 1; i <= L; i++) { line = line ref[i]; if (i % 60 == 0) { print line > (dir "/hc_ref.fa"); line = "" } }
    if (line != "") print line > (dir "/hc_ref.fa")
    sam = dir "/hc.sam"
    printf "@HD\tVN:1.6\tSO:coordinate\n@SQ\tSN:hc1\tLN:%d\n@RG\tID:hc\tSM:hc\tPL:ILLUMINA\n", L > sam
    q = ""; for (k = 0; k < rl; k++) q = q "?"
    r = 0; p1 = depth / rl / 2  # two draws per start position: depth / read length reads a position
    for (s = 1; s <= L - rl + 1; s++) for (d = 0; d < 2; d++) {
      if (rand() >= p1) continue
      r++; seq = ""; hap = rand() < 0.5
      for (k = 0; k < rl; k++) {
        b = hap ? h1[s + k] : h2[s + k]
        if (rand() < 0.005) { e = b; while (e == b) e = substr("ACGT", int(rand() * 4) + 1, 1); b = e }
        seq = seq b
      }
      printf "r%d\t%d\thc1\t%d\t60\t%dM\t*\t0\t0\t%s\t%s\tRG:Z:hc\n", r, (rand() < 0.5 ? 0 : 16), s, rl, seq, q > sam
    }
  }' || return 1
}

hc_end_to_end() {
  local hc=$BUILD/bin/helicase-haplotypecaller t0=$SECONDS dir=$BUILD/bench-data/hc cpu gpu
  if [[ ! -x $hc ]]; then step "haplotypecaller cpu vs gpu" "skipped (not built)" 0; return; fi
  if (($(left_s) < 60)); then step "haplotypecaller cpu vs gpu" "skipped (time budget)" 0; return; fi
  if ! grep -q "GPU 0:" <<<"$("$BUILD/bin/helicase" --version 2>&1)"; then
    step "haplotypecaller cpu vs gpu" "skipped (no usable GPU)" 0
    return
  fi
  say "haplotypecaller end to end (1 Mbp, 30x, cpu vs gpu)"
  if ! make_hc_input "$dir"; then step "haplotypecaller cpu vs gpu" "skipped (cannot generate input)" 0; return; fi
  local dev t1 t2
  for dev in gpu cpu gpu; do  # the first gpu run pays the CUDA context start-up
    t1=$(now_ns)
    if ! "$hc" --quiet --device "$dev" --ref "$dir/hc_ref.fa" --in-bam "$dir/hc.sam" --out-variants "$dir/$dev.vcf" \
      2>>"$REPORT/bench-errors.log"; then
      step "haplotypecaller cpu vs gpu" "FAILED ($dev run)" $((SECONDS - t0))
      STATUS=1
      return
    fi
    t2=$(now_ns)
    printf -v "$dev" '%s' "$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')"
  done
  local same=identical
  if ! cmp -s <(grep -v '^##' "$dir/cpu.vcf") <(grep -v '^##' "$dir/gpu.vcf"); then same=DIFFER; STATUS=1; fi
  echo "   cpu $cpu s, gpu $gpu s (warm), $(grep -vc '^#' "$dir/cpu.vcf") records, records $same"
  step "haplotypecaller cpu $cpu s / gpu $gpu s" "records $same" $((SECONDS - t0))
}

main() {
  say "GPU run: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(uname -n), $NPROC cores, report in $REPORT"
  git log -1 --oneline 2>/dev/null | sed 's/^/   commit /'
  detect_cc
  if ! build; then
    STATUS=1
  else
    run_gpu_tests
    kernel_bench
    hc_end_to_end
    benchmarks
  fi

  echo
  echo "== summary (compute capability $CC, $NPROC cores, $((SECONDS - START)) s in all)"
  {
    printf '%-44s %-28s %6s\n' step result seconds
    local row
    for row in "${SUMMARY[@]}"; do
      IFS=$'\t' read -r a b c <<<"$row"
      printf '%-44s %-28s %6s\n' "$a" "$b" "$c"
    done
    if [[ -n $KBENCH ]]; then
      echo
      echo "helicase-kernel-bench (cells = query x target length; reads/s: bwa_extend counts 2 jobs a read)"
      echo "$KBENCH"
    fi
    if ((${#BENCH[@]})); then
      echo
      printf '%-20s %10s %10s %8s %8s  %s\n' "helicase-fastq" "cpu_s" "gpu_s" "gpu_MB/s" "cpu/gpu" "metrics cmp"
      for row in "${BENCH[@]}"; do
        IFS=$'\t' read -r a b c d e f <<<"$row"
        printf '%-20s %10s %10s %8s %8s  %s\n' "$a" "$b" "$c" "$d" "$e" "$f"
      done
      echo "(best of $REPEATS wall times, --num-threads = all $NPROC cores; cpu/gpu > 1 means the GPU run is faster)"
    fi
  } | tee "$REPORT/summary.txt"
  return "$STATUS"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then  # (sourcing only defines the functions, for testing)
  if [[ ! -f CMakeLists.txt || ! -d benchmarks/gpu ]]; then
    echo "run.sh: run me from the repository root (bash benchmarks/gpu/run.sh)" >&2
    exit 2
  fi
  mkdir -p "$REPORT" || exit 2
  REPORT=$(cd "$REPORT" && pwd)
  main 2>&1 | tee "$REPORT/run.log"
  exit "${PIPESTATUS[0]}"
fi
