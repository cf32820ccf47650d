#!/usr/bin/env bash
# Instructions per batch of decoding small batches, kbench vs the bare codec call, counted by
# valgrind's callgrind (a count that does not depend on the machine's load or clock). Prints a
# Markdown table.
#
# Usage: scripts/decode-instructions.sh [KBENCH] [BATCH_SIZE]
#   KBENCH      an optimised kbench (default .build/release/kbench)
#   BATCH_SIZE  the batch size measured (default 1KiB)
#
# Per setting, one `kbench compress --min-time 0.02` runs under callgrind. Both sides are the
# compression study's own passes over the same 32 batches, each a loop in one function that
# callgrind names (CompressionCell.decodePass, CompressionCell.rawDecompressPass): kbench reads
# every batch of the segment (LogSegmentReader.next: header, bounds, CRC-32C; the kept
# RecordBatchDecompressor: Kafka framing and codec into the kept buffer; every record walked as
# a view); the bare side calls the library's one-shot decompress (LZ4_decompress_safe,
# snappy_uncompress, ZSTD_decompressDCtx on a kept context) on each batch's records block
# compressed without framing, into a buffer of the exact size. Instructions of every call of a
# pass (the timed ones and its calibration), divided by the batches those calls decoded; the
# codec column is the library's decompress function alone, per call, on kbench's side.
set -euo pipefail
kbench=${1:-.build/release/kbench}
batch_size=${2:-1KiB}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v valgrind >/dev/null || { echo "decode-instructions: valgrind is not installed" >&2; exit 1; }
# Valgrind 3.19 cannot read the DWARF 5 the Swift toolchain writes: count a copy without it.
strip --strip-debug -o "$work/kbench" "$kbench"

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
    python3 "$here/callgrind/calls.py" "$work/callgrind.out" '.' \
        'CompressionCellC10decodePass' 'CompressionCellC17rawDecompressPass' > "$work/passes.txt"
    # The library call on kbench's side: every call site outside the bare reference.
    python3 "$here/callgrind/calls.py" "$work/callgrind.out" '^(?!.*RawCodecReference)' "^($library)$" > "$work/codec.txt"
    awk -v client="$client" -v codec="${codec/:/ }" -v b="$batches" '
        FNR == 1 { file++ }
        file == 1 { calls[FNR] = $2; cost[FNR] = $3 }
        file == 2 { codec_calls = $2; codec_cost = $3 }
        END {
            kbench = calls[1] > 0 ? cost[1] / (calls[1] * b) : 0
            bare = calls[2] > 0 ? cost[2] / (calls[2] * b) : 0
            inner = codec_calls > 0 ? codec_cost / codec_calls : 0
            printf "| %s | %s | %.0f | %.0f | %.2f | %.0f | %.0f |\n", client, codec, bare, kbench, (bare > 0 ? kbench / bare : 0), inner, kbench - inner
        }' "$work/passes.txt" "$work/codec.txt"
done
echo
echo "ratio = kbench instructions ÷ bare-call instructions per batch (the study's decompress ×raw, counted instead of timed)."
