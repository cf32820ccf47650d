// KBenchWorkloads — deterministic workloads for kbench: what producers send.
//
// `SplitMix64` (KBenchRandom's, aliased below) is the seedable generator every
// workload draws from (same seed, same bytes, on every machine and Swift version: no
// standard-library randomness is used).
//
// Payloads/: `PayloadCorpus` names the built-in corpora (`json`, `logs`, `csv`, `avro`,
// `random`); `CorpusGenerator` produces their records one at a time. User payloads are read
// by `LinePayloadReader` (one record per line), `DirectoryPayloadReader` (one file per record)
// and `LengthDelimitedPayloadReader` (4-byte big-endian length + bytes), all streaming with a
// fixed buffer and failing with a `PayloadReadError` that names the file and byte offset;
// `PayloadFile.open(path:format:maxRecordSize:)` picks one. `PayloadSample.collect` takes the
// first records up to a byte budget from any `PayloadSource`.
//
// Support/: `ByteSize` parses and prints sizes with units (`16KiB`, `1MiB`, `1500`).
//
// Keys/: key generators (`seq:PREFIX:N`, `uuid:N`, `random:LEN:N`, `zipf:S:N`) and
// `KeyFileReader` (one key per line, from a file or standard input; the lines are split by
// KafkaPartitioning's `KeyLineSplitter`), both `KeySource`s writing into a reused `KeyBuffer`.

import KBenchRandom

/// KBenchRandom's SplitMix64, under the name workloads have always used.
package typealias SplitMix64 = KBenchRandom.SplitMix64
