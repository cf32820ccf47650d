#!/usr/bin/env bash
# Instructions per batch of decoding small batches, kbench vs the bare codec call, counted by
# valgrind's callgrind (a count that does not depend on the machine's load or clock). Prints a
# Markdown table.
#
# Usage: scripts/decode-instructions.sh [--document] [KBENCH] [BATCH_SIZE]
#   --document  a whole Markdown page (title, date, commit, how it is counted, the table):
#               what `./dev.sh report` writes to results/instructions/README.md
#   KBENCH      an optimised kbench (default .build/release/kbench)
#   BATCH_SIZE  the batch size measured (default 1KiB)
#
# Per setting, one `kbench compress --min-time 0.02` runs under callgrind. Both sides are the
# compression study's own passes over the same 32 batches, each a loop in one function that
# callgrind names (CompressionCell.decodePass, CompressionCell.rawDecompressPass): kbench reads
# every batch of the segment (LogSegmentReader.forEachView(decompressingWith:): header, bounds, CRC-32C; the kept
# RecordBatchDecompressor: Kafka framing and codec into the kept buffer; every record walked, its
# offset, key and value ranges read as a consumer reads them); the bare side calls the library's
# one-shot decompress (LZ4_decompress_safe, snappy_uncompress, ZSTD_decompressDCtx on a kept
# context) on the very compressed bytes kbench
# decodes (the codec blocks inside each batch's payload: the raw snappy block or each xerial
# chunk, each LZ4 frame block, the zstd frame), into a buffer of the exact size. Instructions of every call of a
# pass (the timed ones and its calibration), divided by the batches those calls decoded; the
# codec column is the library's decompress function alone, per call, on kbench's side.
set -euo pipefail
document=false
if [[ ${1:-} == --document ]]; then document=true; shift; fi
kbench=${1:-.build/release/kbench}
batch_size=${2:-1KiB}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v valgrind >/dev/null || { echo "decode-instructions: valgrind is not installed" >&2; exit 1; }
# Valgrind 3.19 cannot read the DWARF 5 the Swift toolchain writes: count a copy without it.
strip --strip-debug -o "$work/kbench" "$kbench"

if $document; then
    echo "# Decoding small batches: instructions per batch, kbench vs the bare codec call"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "- kbench: $("$kbench" --version | paste -sd, - | sed 's/,/, /g')"
    echo "- valgrind: $(valgrind --version)"
    echo "- batch size: $batch_size (the compression study's batches of that size: JSON corpus, seed 42, ~2 records a batch)"
    echo
    echo "Issue 21's target: decompress + walk of 1 KiB batches at most 1.5× the bare codec call. Counted by"
    echo "valgrind's callgrind, a count that does not depend on the machine's load or clock. Both sides are the"
    echo "compression study's own passes over the same batches: kbench reads every batch of the segment"
    echo "(LogSegmentReader: header, bounds, CRC-32C; the kept RecordBatchDecompressor: Kafka's framing and the"
    echo "codec; every record walked, its offset, key and value ranges read as a consumer reads them); the"
    echo "bare side calls the library's one-shot decompress"
    echo "(LZ4_decompress_safe, snappy_uncompress, ZSTD_decompressDCtx on a kept context) on the very codec blocks"
    echo "kbench decodes, into a buffer of the exact size. The codec column is the library's decompress function"
    echo "alone, inside kbench's pass. Written by \`scripts/decode-instructions.sh --document\` (\`./dev.sh report\`)."
    echo
fi

echo "| client | setting | bare call (instr/batch) | kbench decode + walk (instr/batch) | ratio | codec inside kbench (instr/batch) | kbench minus codec |"
echo "| :-- | :-- | --: | --: | --: | --: | --: |"
for setting in "librdkafka snappy snappy_uncompress" "java snappy snappy_uncompress" "librdkafka lz4:0 LZ4_decompress_safe" \
               "java lz4:9 LZ4_decompress_safe" "java zstd:-1 ZSTD_decompressDCtx|ZSTD_decompressStream"; do
    read -r client codec library <<<"$setting"
    name=${codec%%:*}
    levels=()
    [[ $codec == *:* ]] && levels=(--levels "$codec")
    valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "$work/kbench" compress \
        --client "$client" --codecs "$name" "${levels[@]}" --batch-sizes "$batch_size" --min-time 0.02 --format csv \
        > "$work/compress.csv" 2>/dev/null
    # Batches per pass, from the raw measurement row (client,codec,level,batch size,batches,…).
    batches=$(awk -F, -v c="$client" -v n="$name" '$1 == c && $2 == n { print $5 }' "$work/compress.csv" | tail -1)
    python3 - "$work/callgrind.out" "$client" "${codec/:/ }" "$batches" "^($library)\$" <<'PYTHON'
import re, sys
# Inclusive instructions and calls per callee, summed over call sites (callgrind's calls= lines).
path, client, setting, batches, library = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), re.compile(sys.argv[5])
names, totals = {}, {}
def name(spec):
    match = re.match(r"\((\d+)\)(?:\s+(.*))?", spec)
    if not match:
        return spec
    if match.group(2):
        names[match.group(1)] = match.group(2)
    return names.get(match.group(1), "")
caller = callee = ""
pending = None
for line in open(path):
    if line.startswith("fn="):
        caller = name(line[3:].strip())
    elif line.startswith("cfn="):
        callee = name(line[4:].strip())
    elif line.startswith("calls="):
        pending = int(line[6:].split()[0])
    elif pending is not None and line[:1] and (line[0].isdigit() or line[0] in "+-*"):
        key = ("kbench" if "CompressionCellC10decodePass" in callee else
               "bare" if "CompressionCellC17rawDecompressPass" in callee else
               "codec" if library.search(callee) and "RawCodecReference" not in caller else None)
        if key:
            calls, cost = totals.get(key, (0, 0))
            totals[key] = (calls + pending, cost + int(line.split()[-1]))
        pending = None
def per(key, divisor):
    calls, cost = totals.get(key, (0, 0))
    return cost / (calls * divisor) if calls else 0
kbench, bare, codec = per("kbench", batches), per("bare", batches), per("codec", 1)
ratio = kbench / bare if bare else 0
print(f"| {client} | {setting} | {bare:.0f} | {kbench:.0f} | {ratio:.2f} | {codec:.0f} | {kbench - codec:.0f} |")
PYTHON
done
echo
echo "ratio = kbench instructions ÷ bare-call instructions per batch (the study's decompress ×raw, counted instead of timed)."
