import ArgumentParser
import Foundation
import KafkaCompression
import KBenchReports
import KBenchStudies
import KBenchWorkloads

/// `kbench compress`: codecs × levels × batch sizes on payloads packed as real Kafka batches.
struct CompressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compress",
        abstract: "Compare codecs and levels on your payloads, packed as real Kafka batches.",
        discussion: """
            Packs payloads into RecordBatch v2 batches (61-byte header, record framing, \
            16-character keys, timestamps) as each client fills them, compresses each batch as \
            that client does and reports per client, codec, level and batch size: the ratio \
            (batch framing included), compress and \
            decompress MB/s, records/s, and the bare codec library on the same bytes in the \
            same run (raw ratio, raw MB/s, kbench time ÷ raw time). Per client and batch size it \
            names the best ratio, the fastest (settings whose timings overlap are shown tied), \
            and a balanced pick: the best ratio among the settings compressing at least 25% as \
            fast as the fastest. Picks name only levels the client accepts.

            Clients (--client, default both):
              librdkafka  2.0.2: a record joins while request header + batch header + bytes so \
            far + 36 + key + value <= min(batch.size, message.max.bytes 1000000); snappy as one \
            raw block; zstd streamed without the input size; a fresh codec context per batch; \
            --levels in compression.level's scale, -1...12 (-1 = default).
              java        Apache Kafka 3.8+: batches filled by an estimate of their compressed \
            size; xerial snappy; lz4 9 = fast, other levels HC; --levels per KIP-390: gzip \
            1...9 or -1, lz4 1...17, zstd -131072...22.

            Payloads: a built-in deterministic corpus (--corpus; same seed, same bytes on \
            every machine), or your own (--payload FILE|DIR|-): one record per line \
            (lines), one file per record in a directory (files), or length-delimited records \
            (a 4-byte big-endian length, then the bytes). A directory defaults to files, \
            anything else to lines. Only the first records needed are read (about \
            --sample-bytes); a payload smaller than that is measured whole.

            Corpora:
            \(PayloadCorpus.allCases.map { "  \($0.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))\($0.summary)" }.joined(separator: "\n"))

            Defaults: gzip 1,6,9; snappy; lz4 0 (fast, default) and 9 (HC) for librdkafka, \
            8 (HC) and 9 (fast, default) for Java; zstd 1,3,9,12 for librdkafka, \
            -1,1,3,9,19 for Java; batches of 1KiB, 16KiB (batch.size default), 64KiB, 1MiB; \
            each measurement repeated for at least --min-time seconds, medians reported. \
            Sizes take units: 1024, 16KiB, 64K, 1MiB, 1MB (= 1,000,000).

            Examples:
              kbench compress
              kbench compress --client librdkafka --codecs snappy,lz4 --batch-sizes 64KiB
              kbench compress --corpus logs --codecs zstd,lz4 --levels zstd:1,3,9 \\
                  --batch-sizes 16KiB,1MiB
              kbench compress --payload events.jsonl --format markdown \\
                  --output compress.md --charts charts/
              kbench compress --payload records.bin --payload-format length-delimited \\
                  --client java --codecs zstd --levels zstd:-5,3,22
              kbench compress --corpus avro --min-time 0 --format json \\
                  | jq '.sections[0].tables[0].rows'
            """
    )

    @Option(help: ArgumentHelp("Built-in corpus (default: json; see Corpora above).", valueName: "corpus"))
    var corpus: PayloadCorpus?

    @Option(help: ArgumentHelp("Your payloads: a file, a directory, or - for stdin.", valueName: "path"))
    var payload: String?

    @Option(name: .customLong("payload-format"), help: ArgumentHelp("How --payload splits into records: lines, files (a directory) or length-delimited (4-byte big-endian length + bytes).", valueName: "format"))
    var payloadFormat: PayloadFormat?

    @Option(name: .customLong("max-record-size"), help: ArgumentHelp("Largest record accepted from --payload.", valueName: "size"))
    var maxRecordSize = ByteSizeArgument(bytes: PayloadFile.defaultMaxRecordSize)

    @Option(help: ArgumentHelp("Producer whose batches are reproduced: librdkafka, java or both.", valueName: "client"))
    var client = ClientChoice.both

    @Option(help: ArgumentHelp("Codecs to compare, comma-separated: none, gzip, snappy, lz4, zstd (default: gzip,snappy,lz4,zstd).", valueName: "list"))
    var codecs: String?

    @Option(help: ArgumentHelp("Levels of a codec in the client's own scale, replacing its defaults: codec:level,level… (repeatable; `default` and lz4 `fast` accepted), e.g. zstd:1,3,12.", valueName: "codec:levels"))
    var levels: [String] = []

    @Option(name: .customLong("batch-sizes"), help: ArgumentHelp("Batch sizes, comma-separated, with units.", valueName: "sizes"))
    var batchSizes = "1KiB,16KiB,64KiB,1MiB"

    @Option(name: .customLong("sample-bytes"), help: ArgumentHelp("Batch bytes measured per batch size (up to 32 batches, at least one).", valueName: "size"))
    var sampleBytes = ByteSizeArgument(bytes: 1 << 20)

    @Option(name: .customLong("min-time"), help: ArgumentHelp("Seconds each measurement is repeated for, at least (0 = once).", valueName: "seconds"))
    var minTime = CompressionStudyConfiguration.defaultMinimumTime

    @Option(help: "Seed of the corpus, keys and timestamps (same seed, same bytes).")
    var seed: UInt64 = CompressionStudyConfiguration.defaultSeed

    @Option(name: .customLong("decompression-limit"), help: ArgumentHelp("Refuse to decompress a batch's records beyond this size.", valueName: "size"))
    var decompressionLimit = ByteSizeArgument(bytes: defaultDecompressionLimit)

    @OptionGroup var report: ReportFormatOptions

    @Option(help: ArgumentHelp("Also write the ratio-vs-speed charts as SVG files into this directory.", valueName: "dir"))
    var charts: String?

    func validate() throws {
        _ = try studyConfiguration()
        if corpus != nil, payload != nil {
            throw ValidationError("use --corpus or --payload, not both")
        }
        if payloadFormat != nil, payload == nil {
            throw ValidationError("--payload-format needs --payload")
        }
        guard maxRecordSize.bytes > 0 else {
            throw ValidationError("--max-record-size must be positive")
        }
    }

    /// The study configuration the options describe, or a usage error naming the bad option.
    func studyConfiguration() throws -> CompressionStudyConfiguration {
        let settings: [CompressionSetting]
        do {
            settings = try CompressionSelection.settings(codecs: codecs, levels: levels, clients: client.clients)
        } catch {
            throw ValidationError(error.description)
        }
        var sizes: [Int] = []
        for part in batchSizes.split(separator: ",", omittingEmptySubsequences: false) {
            let text = String(part)
            let size: Int
            do { size = try ByteSize.parse(text) } catch { throw ValidationError("--batch-sizes: \(error)") }
            guard size > 0 else { throw ValidationError("--batch-sizes: a batch size must be positive, got '\(text.trimmingCharacters(in: .whitespaces))'") }
            guard size <= CompressionStudyConfiguration.maximumBatchSize else {
                throw ValidationError("--batch-sizes: \(ByteSize.format(size)) is above the maximum of \(ByteSize.format(CompressionStudyConfiguration.maximumBatchSize))")
            }
            if !sizes.contains(size) { sizes.append(size) }
        }
        guard minTime >= 0, minTime <= 60, minTime.isFinite else {
            throw ValidationError("--min-time must be between 0 and 60 seconds, got \(minTime)")
        }
        guard decompressionLimit.bytes > 0 else { throw ValidationError("--decompression-limit must be positive") }
        guard sampleBytes.bytes > 0 else { throw ValidationError("--sample-bytes must be positive") }
        return CompressionStudyConfiguration(
            settings: settings, batchSizes: sizes, minimumTime: minTime, seed: seed,
            decompressionLimit: decompressionLimit.bytes, sampleBytes: sampleBytes.bytes
        )
    }

    func run() throws {
        let configuration = try studyConfiguration()
        let study: CompressionStudy
        do {
            if let payload {
                var source = try PayloadFile.open(path: payload, format: payloadFormat, maxRecordSize: maxRecordSize.bytes)
                study = try CompressionStudy(configuration: configuration, payload: &source)
            } else {
                var source = (corpus ?? .json).generator(seed: seed)
                study = try CompressionStudy(configuration: configuration, payload: &source)
            }
        } catch let error as PayloadReadError {
            throw CLIFailure(error.description)
        } catch {
            throw CLIFailure(String(describing: error))
        }
        let progress = ProgressReporter(label: "compress", total: study.cellCount, unit: "cells")
        let result: CompressionStudyResult
        do {
            result = try study.run(progress: progress)
        } catch {
            throw CLIFailure(error.description)
        }
        let document = CompressionReport.document(result, includeMeasurementTable: report.format.isMachineReadable)
        try report.emit(document)
        if let charts {
            try ReportOutput.writeCharts(of: document, to: charts)
        }
    }
}
