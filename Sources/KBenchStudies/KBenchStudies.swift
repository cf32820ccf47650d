// KBenchStudies — the engines the kbench commands run; each returns a result and a report
// model (KBenchReports) that every output format renders.
//
// Hash/: `HashStudy` (kbench's key hashing against librdkafka's C partitioners, interleaved).
// Compress/: `CompressionStudy` (codecs and levels on RecordBatch v2 batches of a corpus).
// Partitions/: runs KafkaPartitioning's `PartitionDistributionStudy` over a key source
// (strategies → statistics, resize, hot keys) and builds `PartitionsReport`.
// Inspect/: `MessageInspection` (a message built as a client would, annotated byte by byte).
// Storage/: `DirectoryInspection` (`kbench inspect dir`: a broker data directory partition by
// partition, segments streamed by `LogEntryScanner`) and `DirectoryInspectionReport`;
// `IndexVerifier` (kafka-dump-log's .index/.timeindex checks, shared with `inspect segment`).
// Report/: `ReportRunner` (`kbench report`: the hash, compress, partitions and produce stages
// into results/, planned by `ReportPlan`; `ProduceStage` runs `ProduceStudy` on an embedded
// mock cluster).
// Produce/: `ProduceBenchmark` (librdkafka producer: pacing, latency, per-partition check
// against the strategy, bytes on the wire as `ProduceWire`), `ProduceReport`, and
// `ProduceExport` (`--export-messages`: the same `MessageSequence` a run sends, as lines).
// Wire/: the compression study's librdkafka prediction against librdkafka itself:
// `WireRun` (records produced in full batches to a one-broker mock cluster), `WireCheck`
// (every batch size, codec and uncompressed), `WirePrediction` (the study for given records).
// Audit/: `PartitionAudit` (which partitioner wrote a topic) and `AuditReport`.
// Chat/: `ChatSession` (a two-way chat over a topic) and its transcript.
// Broker/: `BrokerNotice` (what `kbench broker` says about its mock cluster).
// Timing/: `InterleavedTimer` (the hash and compress studies' one timer) and `OperationTiming`.
