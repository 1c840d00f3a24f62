#!/usr/bin/env bash
# markdup_vs_picard_test.sh BIN_DIR TESTDATA SIM_DIR -- helicase-markdup against Picard 2.27.5
# MarkDuplicates run here: every record (flags, tags, order) and the whole METRICS and
# HISTOGRAM sections identical, on real and simulated data:
#   pipeline_chr20 noMD BAM (16 read groups; 96 duplicates expected), the NA12878 BAM (no
#   @HD line: coordinate order assumed and checked), and the simulated BAM of
#   test-data/markdup_sim.sh (PCR and optical duplicates, 3 libraries, supplementary
#   records) in coordinate order with default options and with 2500-pixel optical distance
#   plus TOTAL_MAPPED_REFERENCE_LENGTH scoring, and in queryname order.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/markdup_lib.sh"
BIN=$1 D=$2 SIM=$3
if ! have_picard; then echo "skipped: Picard not installed"; exit 77; fi

versus() {  # NAME INPUT PICARD_ARGS -- OUR_ARGS
  local name=$1 in=$2; shift 2
  local pargs=() hargs=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do pargs+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  hargs=("$@")
  if ! picard_md "$in" "$WORK/p_$name.bam" "$WORK/p_$name.txt" "${pargs[@]}"; then
    bad "$name: Picard failed: $(grep -m1 Exception "$WORK/picard.err")"; return
  fi
  expect_exit 0 "$name" -- helicase_md "$in" "$WORK/h_$name.bam" "$WORK/h_$name.txt" "${hargs[@]}"
  compare_with_picard "$name" "$WORK/h_$name.bam" "$WORK/h_$name.txt" "$WORK/p_$name.bam" "$WORK/p_$name.txt"
}

PIPE=$D/gatk/pipeline_chr20/CEUTrio.HiSeq.WGS.b37.ch20.1m-1m1k.NA12878.noMD.noBQSR.bam
versus pipeline_chr20 "$PIPE"
n=$(samtools view -c -f 1024 "$WORK/h_pipeline_chr20.bam")
if [ "$n" -eq 96 ]; then ok; else bad "pipeline_chr20: $n duplicates, expected 96"; fi
# The index is usable for region queries.
if [ -f "$WORK/h_pipeline_chr20.bam.bai" ] &&
   [ "$(samtools view -c "$WORK/h_pipeline_chr20.bam" 20:1000000-1000500)" -eq "$(samtools view "$WORK/h_pipeline_chr20.bam" | awk '$3 == "20" && $4 <= 1000500' | wc -l)" ]; then
  ok; else bad "pipeline_chr20: missing or unusable .bai"; fi

versus na12878 "$D/na12878_chr20_10M/NA12878_S1.chr20.10_10p1mb.bam" ASSUME_SORT_ORDER=coordinate
if samtools view -H "$WORK/h_na12878.bam" | grep -q $'^@HD.*SO:coordinate'; then ok; else bad "na12878: output header lacks SO:coordinate"; fi

versus sim "$SIM/markdup_sim.bam"
opt=$(metrics_section "$WORK/h_sim.txt" | awk -F'\t' 'NR > 2 { s += $8 } END { print s + 0 }')
if [ "$opt" -gt 100 ]; then ok; else bad "sim: only $opt optical duplicates found: the injected ones are missing"; fi
versus sim_2500_length "$SIM/markdup_sim.bam" OPTICAL_DUPLICATE_PIXEL_DISTANCE=2500 \
  DUPLICATE_SCORING_STRATEGY=TOTAL_MAPPED_REFERENCE_LENGTH -- --optical-duplicate-pixel-distance 2500 \
  --duplicate-scoring-strategy TOTAL_MAPPED_REFERENCE_LENGTH
versus sim_queryname "$SIM/markdup_sim.qname.bam" ASSUME_SORT_ORDER=queryname -- --assume-sort-order queryname
# Odd input made from the simulated BAM: PG tags with several values (and, on the unplaced
# reads at the end, a value Picard never saw, whose tag it drops), DT tags to clear, extra
# optional fields out of order, QC-failed reads, read groups missing from the header or absent.
samtools view -h "$SIM/markdup_sim.bam" | awk 'BEGIN { OFS = "\t" } /^@/ { print; next } { n++
  if ($3 == "*") { tail++; $0 = $0 "\tPG:Z:" (tail == 1 ? "tailtool" : "tail2") }
  else if (n % 5 == 0) $0 = $0 "\tPG:Z:bwa"; else if (n % 5 == 1) $0 = $0 "\tPG:Z:GATK"
  if (n % 7 == 0) $0 = $0 "\tDT:Z:LB"
  if (n % 11 == 0) $0 = $0 "\tXQ:i:1\tAA:Z:first"
  if (n % 13 == 0 && int($2 / 512) % 2 == 0) $2 += 512
  if (n % 17 == 0) sub(/RG:Z:FCX\.[0-9]/, "RG:Z:notinheader")
  if (n % 19 == 0) sub(/\tRG:Z:[^\t]*/, "")
  print }' | samtools view -b -o "$WORK/odd.bam" - 2>/dev/null
versus odd "$WORK/odd.bam"
n=$(samtools view "$WORK/p_odd.bam" | awk '$3 == "*"' | grep -vc 'PG:Z:' || true)
if [ "$n" -gt 0 ]; then ok; else bad "odd: the case of dropped PG tags was not exercised"; fi

# Queryname mode marks supplementary records and unmapped mates with their primary.
n=$(samtools view -c -f 3072 "$WORK/h_sim_queryname.bam")
if [ "$n" -gt 0 ]; then ok; else bad "sim_queryname: no supplementary record marked"; fi
finish
