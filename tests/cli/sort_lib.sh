# sort_lib.sh -- helpers for the helicase-sort CLI tests (sourced after lib.sh; needs BIN).

# sort_both NAME INPUT ORDER [helicase-sort options...]: runs samtools sort 1.16 and
# helicase-sort on INPUT; writes $WORK/NAME.samtools.bam and $WORK/NAME.bam. Returns 1
# (after reporting) when either fails.
sort_both() {
  local name=$1 in=$2 order=$3; shift 3
  local flag=()
  [ "$order" = queryname ] && flag=(-n)
  if ! samtools sort "${flag[@]}" -o "$WORK/$name.samtools.bam" "$in" 2>"$WORK/$name.samtools.err"; then
    bad "$name: samtools sort failed: $(head -c 300 "$WORK/$name.samtools.err")"
    return 1
  fi
  if ! "$BIN/helicase-sort" --quiet --in-bam "$in" --out-bam "$WORK/$name.bam" --sort-order "$order" "$@" \
    2>"$WORK/$name.err"; then
    bad "$name: helicase-sort failed: $(head -c 300 "$WORK/$name.err")"
    return 1
  fi
}

# same_records NAME A B: identical records, in the same order (samtools view text).
same_records() {
  samtools view "$2" >"$WORK/$1.a.sam"
  samtools view "$3" >"$WORK/$1.b.sam"
  if cmp -s "$WORK/$1.a.sam" "$WORK/$1.b.sam"; then ok
  else bad "$1: records differ ($(wc -l <"$WORK/$1.a.sam") vs $(wc -l <"$WORK/$1.b.sam")): $(diff "$WORK/$1.a.sam" "$WORK/$1.b.sam" | head -3 | cut -c1-200)"
  fi
}

# same_header NAME OURS THEIRS: headers equal but for the sorters' own @PG lines, at the
# same places and chained to the same programs (one per @PG chain end of the input).
same_header() {
  samtools view -H --no-PG "$2" >"$WORK/$1.ha"
  samtools view -H --no-PG "$3" >"$WORK/$1.hb"
  diff "$WORK/$1.ha" "$WORK/$1.hb" >"$WORK/$1.hdiff"
  local pp='s/^[<>] @PG\tID:[^\t]*\tPN:[^\t]*\t(PP:[^\t]*\t)?.*/\1/'
  local ours theirs
  ours=$(grep '^<' "$WORK/$1.hdiff" | grep -vP '^< @PG\tID:helicase-sort[^\t]*\tPN:helicase-sort\t' | wc -l)
  theirs=$(grep '^>' "$WORK/$1.hdiff" | grep -vP '^> @PG\t.*\tCL:samtools sort' | wc -l)
  if [ "$ours" -eq 0 ] && [ "$theirs" -eq 0 ] && grep -q '^<' "$WORK/$1.hdiff" &&
    cmp -s <(grep '^<' "$WORK/$1.hdiff" | sed -E "$pp") <(grep '^>' "$WORK/$1.hdiff" | sed -E "$pp"); then ok
  else bad "$1: headers differ beyond the @PG lines: $(head -6 "$WORK/$1.hdiff" | cut -c1-200)"
  fi
}

# compare_sort NAME INPUT ORDER [options...]: records and header as samtools sort's.
compare_sort() {
  local name=$1
  sort_both "$@" || return 0
  same_records "$name" "$WORK/$name.bam" "$WORK/$name.samtools.bam"
  same_header "$name" "$WORK/$name.bam" "$WORK/$name.samtools.bam"
}

# same_regions NAME OURS THEIRS: ours is indexed by helicase-sort; THEIRS gets samtools
# index; region queries (three windows, a whole contig and the unplaced reads) agree.
same_regions() {
  local name=$1 ours=$2 theirs=$3
  if [ ! -s "$ours.bai" ] && [ ! -s "$ours.csi" ]; then bad "$name: no index beside $ours"; return; fi
  samtools index "$theirs" 2>/dev/null || samtools index -c "$theirs"
  local n; n=$(samtools view -c -F 4 "$theirs")
  local regions=("*")
  if [ "$n" -gt 0 ]; then
    local k
    for k in 1 $(( (n + 2) / 3 )) $(( (2 * n + 2) / 3 )); do
      local at; at=$(samtools view -F 4 "$theirs" | sed -n "${k}p" | cut -f3,4)
      regions+=("${at%%$'\t'*}:$(( ${at##*$'\t'} ))-$(( ${at##*$'\t'} + 300 ))")
    done
    regions+=("$(samtools view -F 4 "$theirs" | head -1 | cut -f3)")
  fi
  local r found=0
  for r in "${regions[@]}"; do
    samtools view "$ours" "$r" >"$WORK/$name.ra" 2>"$WORK/$name.rerr"
    samtools view "$theirs" "$r" >"$WORK/$name.rb" 2>/dev/null
    [ -s "$WORK/$name.rb" ] && found=1
    if [ -s "$WORK/$name.rerr" ]; then bad "$name: samtools view $r on ours: $(head -c 200 "$WORK/$name.rerr")"
    elif cmp -s "$WORK/$name.ra" "$WORK/$name.rb"; then ok
    else bad "$name: region $r differs ($(wc -l <"$WORK/$name.ra") vs $(wc -l <"$WORK/$name.rb") records)"
    fi
  done
  if [ "$n" -gt 0 ] && [ "$found" -eq 0 ]; then bad "$name: no region query returned records"; fi
  if cmp -s <(samtools idxstats "$ours") <(samtools idxstats "$theirs"); then ok; else bad "$name: idxstats differ"; fi
}

# no_leftovers NAME DIR: DIR holds nothing of ours (no run folder, no temporary outputs).
no_leftovers() {
  local left; left=$(find "$2" -mindepth 1 -name '.helicase*' | head -3)
  if [ -z "$left" ]; then ok; else bad "$1: left behind: $left"; fi
}
