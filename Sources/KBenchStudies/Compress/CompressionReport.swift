import KafkaCompression
import KafkaRecords
import KBenchReports
import KBenchWorkloads

/// Turns a ``CompressionStudyResult`` into a report: the picks per client and batch size, then
/// per client and batch size a size-and-speed table, a kbench-versus-bare-library table and a
/// scatter chart of ratio against compress throughput.
package enum CompressionReport {
    /// The report's id (file names, JSON).
    package static let id = "compress"

    /// The document for `result`. With `includeMeasurementTable` a last section lists every
    /// measurement with its raw counts and seconds (for JSON and CSV consumers).
    package static func document(_ result: CompressionStudyResult, includeMeasurementTable: Bool = false) -> ReportDocument {
        let configuration = result.configuration
        var sections = [picksSection(result)]
        for client in configuration.clients {
            for batchSize in configuration.batchSizes {
                sections.append(batchSizeSection(result, client: client, batchSize: batchSize))
            }
        }
        if includeMeasurementTable { sections.append(measurementSection(result)) }
        return ReportDocument(
            id: id,
            title: "Compression: codecs × levels × batch sizes",
            paragraphs: [
                "Records are packed into real RecordBatch v2 batches — 61-byte header, varint record framing, 16-character keys, CreateTime timestamps — as each client fills and compresses them. librdkafka (2.0.2): a record joins while request header + batch header + bytes so far + 36 + key + value ≤ min(batch.size, message.max.bytes = 1,000,000), snappy as one raw block, zstd streamed without the input size, a fresh codec context per batch, compression.level −1…12. Java (3.8+): batches filled by an estimate of their compressed size (ratio estimate × 1.05, started where a long-running producer settles), snappy in xerial framing, lz4 level 9 = the fast compressor and any other level HC, levels per KIP-390.",
                "ratio = uncompressed ÷ compressed batch bytes, header and framing included. compress = build + compress + CRC, in uncompressed batch bytes per second; decompress = CRC check + decompress + walk every record, as a consumer decodes. raw = the bare library call on the same records bytes (zlib compress2, snappy_compress, LZ4_compress_fast/HC, ZSTD_compressCCtx); raw decompress runs on the very compressed bytes kbench decodes (snappy_uncompress on the raw block or each xerial chunk, LZ4_decompress_safe on each block of the LZ4 frame, ZSTD_decompressDCtx on the frame), gzip excepted (zlib uncompress on compress2's output); ×raw = kbench time ÷ raw time.",
                "Timings are medians of interleaved rounds, each measurement repeated for at least \(UnitText.duration(seconds: configuration.minimumTime)); \(CompressionPicks.balancedRule); \(CompressionPicks.tieRule). Picks name only levels the client accepts.",
            ],
            parameters: parameters(result),
            findings: findings(result),
            sections: sections
        )
    }

    static func parameters(_ result: CompressionStudyResult) -> [ReportFact] {
        let configuration = result.configuration
        var facts = [
            ReportFact("payload", .text(result.payloadSource)),
            ReportFact("sample", .text("\(NumberText.grouped(Int64(result.sampleRecords))) records, \(UnitText.bytes(Double(result.sampleBytes))), mean \(NumberText.fixed(result.sampleRecords > 0 ? Double(result.sampleBytes) / Double(result.sampleRecords) : 0, places: 0)) B" + (result.payloadExhausted ? " (the whole payload)" : ""))),
            ReportFact("keys", .text("\(StudyRecords.keyLength)-character hex ids of \(NumberText.grouped(Int64(StudyRecords.keyEntities))) entities, timestamps 1–3 ms apart")),
            ReportFact("batch sizes", .text(configuration.batchSizes.map(ByteSize.format).joined(separator: ", "))),
            ReportFact("clients", .text(configuration.clients.map(\.matches).joined(separator: ", "))),
            ReportFact("topic", .text("\(configuration.topic) (client.id \(configuration.clientID))")),
        ]
        for client in configuration.clients {
            facts.append(ReportFact("\(client) settings", .text(configuration.settings.filter { $0.client == client }.map(\.label).joined(separator: ", "))))
        }
        facts += [
            ReportFact("minimum time", .number(configuration.minimumTime), format: .duration),
            ReportFact("seed", .integer(Int64(bitPattern: configuration.seed))),
            ReportFact("run time", .number(result.elapsedSeconds), format: .duration),
        ]
        if result.payloadExhausted {
            facts.append(ReportFact("note", .text("the payload is smaller than the study's budget: some batch sizes have fewer or partly filled batches")))
        }
        return facts
    }

    static func picksSection(_ result: CompressionStudyResult) -> ReportSection {
        var table = ReportTable(id: "picks", title: "Best codec and level per client and batch size", columns: [
            ReportColumn("client"),
            ReportColumn("batch_size", header: "batch size", format: .bytes),
            ReportColumn("best_ratio", header: "setting", group: "best ratio"),
            ReportColumn("best_ratio_value", header: "ratio", unit: "×", format: .decimal(places: 2), group: "best ratio"),
            ReportColumn("fastest", header: "setting", group: "fastest"),
            ReportColumn("fastest_compress", header: "compress", format: .rate(unit: "B"), group: "fastest"),
            ReportColumn("balanced", header: "setting", group: "balanced"),
            ReportColumn("balanced_ratio", header: "ratio", unit: "×", format: .decimal(places: 2), group: "balanced"),
            ReportColumn("balanced_compress", header: "compress", format: .rate(unit: "B"), group: "balanced"),
        ], notes: [CompressionPicks.balancedRule + "; none is never picked.", CompressionPicks.tieRule + "."])
        for picks in result.picks {
            let measured = result.measurements(client: picks.client, batchSize: picks.batchSize)
            func find(_ setting: CompressionSetting) -> CompressionMeasurement? { measured.first { $0.setting == setting } }
            table.addRow([
                .text(picks.client.description), .integer(Int64(picks.batchSize)),
                .text(picks.bestRatio.label), ReportValue(find(picks.bestRatio)?.ratio ?? .nan),
                .text(picks.fastestLabel), ReportValue(find(picks.fastest)?.compressBytesPerSecond ?? .nan),
                .text(picks.balanced.label), ReportValue(find(picks.balanced)?.ratio ?? .nan),
                ReportValue(find(picks.balanced)?.compressBytesPerSecond ?? .nan),
            ])
        }
        return ReportSection(id: "picks", title: "Picks", tables: [table])
    }

    /// `zstd 3 (3.21×, 250 MB/s)`: a setting with its ratio and compress speed.
    static func pickText(_ setting: CompressionSetting, measured: [CompressionMeasurement]) -> String {
        guard let m = measured.first(where: { $0.setting == setting }) else { return setting.label }
        return "\(setting.label) (\(NumberText.fixed(m.ratio, places: 2))×, \(UnitText.rate(m.compressBytesPerSecond, unit: "B")))"
    }

    /// Per client and batch size, the picks in one line, linking to the batch size's section.
    static func findings(_ result: CompressionStudyResult) -> [ReportFinding] {
        result.picks.map { picks in
            let measured = result.measurements(client: picks.client, batchSize: picks.batchSize)
            return ReportFinding(
                topic: "\(picks.client), \(ByteSize.format(picks.batchSize)) batches",
                text: "balanced \(pickText(picks.balanced, measured: measured)); best ratio \(pickText(picks.bestRatio, measured: measured)); "
                    + "fastest \(picks.fastestLabel)",
                section: "batch-\(picks.client)-\(ByteSize.identifier(picks.batchSize))")
        }
    }

    static func batchSizeSection(_ result: CompressionStudyResult, client: ProducerClient, batchSize: Int) -> ReportSection {
        let measured = result.measurements(client: client, batchSize: batchSize)
        let key = "\(client)-\(ByteSize.identifier(batchSize))"
        let name = "\(client), \(ByteSize.format(batchSize))"
        var facts: [ReportFact] = []
        if let first = measured.first {
            facts.append(ReportFact("batches", .text("\(first.batches) of up to \(ByteSize.format(batchSize)) (\(client.matches)), \(NumberText.grouped(Int64(first.records))) records, \(UnitText.bytes(Double(first.uncompressedBytes))) uncompressed")))
        }
        if let picks = result.picks(client: client, batchSize: batchSize) {
            let describe = { (setting: CompressionSetting) in pickText(setting, measured: measured) }
            facts += [
                ReportFact("best ratio", .text(describe(picks.bestRatio))),
                ReportFact("fastest", .text(([picks.fastest] + picks.tiedWithFastest).map(describe).joined(separator: " = ") + (picks.tiedWithFastest.isEmpty ? "" : " (tied)"))),
                ReportFact("balanced", .text(describe(picks.balanced))),
            ]
        }
        var speed = ReportTable(id: "codecs-\(key)", title: "\(name) batches: size and speed", columns: [
            ReportColumn("setting"),
            ReportColumn("ratio", unit: "×", format: .decimal(places: 2)),
            ReportColumn("compress", format: .rate(unit: "B")),
            ReportColumn("decompress", format: .rate(unit: "B")),
            ReportColumn("records_per_second", header: "records", format: .rate(unit: "records")),
            ReportColumn("batch_bytes", header: "batch", format: .bytes),
            ReportColumn("compressed_bytes", header: "compressed", format: .bytes),
            ReportColumn("note"),
        ], notes: ["batch and compressed: mean bytes per batch."])
        var raw = ReportTable(id: "raw-\(key)", title: "\(name) batches: kbench vs the bare codec library", columns: [
            ReportColumn("setting"),
            ReportColumn("raw_ratio", header: "ratio", unit: "×", format: .decimal(places: 2), group: "raw"),
            ReportColumn("raw_compress", header: "compress", format: .rate(unit: "B"), group: "raw"),
            ReportColumn("raw_decompress", header: "decompress", format: .rate(unit: "B"), group: "raw"),
            ReportColumn("compress_overhead", header: "compress", unit: "×raw", format: .decimal(places: 2)),
            ReportColumn("decompress_overhead", header: "decompress", unit: "×raw", format: .decimal(places: 2)),
            ReportColumn("extra_bytes", header: "extra", unit: "B/batch", format: .integer),
        ], notes: [
            "×raw = kbench time ÷ bare library time on the same bytes (below 1: kbench is faster, e.g. zlib's one-shot compress2 sets up its state on every call, kbench keeps it).",
            "extra = compressed batch − bare output, per batch: the 61-byte header, the codec's Kafka framing, and what compressing in blocks costs (xerial snappy: 32 KiB blocks; LZ4 frame: 64 KiB independent blocks; zstd without the input size).",
        ])
        speed.comparison = ReportTableComparison(
            keyColumns: ["setting"],
            timed: [
                "compress": ReportTimedColumn(lowerIsFaster: false, spreads: measured.map { ReportSpread(rateOf: Double($0.uncompressedBytes), in: $0.ranges.compress, samples: $0.rounds) }),
                "decompress": ReportTimedColumn(lowerIsFaster: false, spreads: measured.map { ReportSpread(rateOf: Double($0.uncompressedBytes), in: $0.ranges.decompress, samples: $0.rounds) }),
            ],
            deterministicColumns: ["ratio", "batch_bytes", "compressed_bytes"])
        raw.comparison = ReportTableComparison(
            keyColumns: ["setting"],
            timed: [
                "raw_compress": ReportTimedColumn(lowerIsFaster: false, spreads: measured.map { ReportSpread(rateOf: Double($0.recordsBytes), in: $0.ranges.rawCompress, samples: $0.rounds) }),
                "raw_decompress": ReportTimedColumn(lowerIsFaster: false, spreads: measured.map { ReportSpread(rateOf: Double($0.recordsBytes), in: $0.ranges.rawDecompress, samples: $0.rounds) }),
            ],
            deterministicColumns: ["raw_ratio", "extra_bytes"])
        for m in measured {
            let batches = Double(Swift.max(m.batches, 1))
            speed.addRow([
                .text(m.setting.label), ReportValue(m.ratio), ReportValue(m.compressBytesPerSecond),
                ReportValue(m.decompressBytesPerSecond), ReportValue(m.recordsPerSecond),
                ReportValue(Double(m.uncompressedBytes) / batches), ReportValue(Double(m.compressedBytes) / batches),
                .text(m.setting.note),
            ])
            raw.addRow([
                .text(m.setting.label), ReportValue(m.rawRatio), ReportValue(m.rawCompressBytesPerSecond),
                ReportValue(m.rawDecompressBytesPerSecond), ReportValue(m.compressOverhead),
                ReportValue(m.decompressOverhead), ReportValue(m.extraBytesPerBatch),
            ])
        }
        return ReportSection(
            id: "batch-\(key)", title: "\(name) batches", facts: facts, tables: [speed, raw],
            charts: measured.isEmpty ? [] : [.xy(chart(result, client: client, batchSize: batchSize))]
        )
    }

    /// Ratio against compress throughput of one client at one batch size: one labelled point
    /// per setting, a series (colour and marker shape) per codec, the picks ringed, the
    /// Pareto front joined and the 1× line (no saving). Every chart of the study shares the
    /// axis ranges of all its measurements, so the charts compare at a glance.
    package static func chart(_ result: CompressionStudyResult, client: ProducerClient, batchSize: Int) -> XYChart {
        let measured = result.measurements(client: client, batchSize: batchSize)
        let codecs = CompressionType.allCases.filter { type in measured.contains { $0.setting.type == type } }
        func point(_ m: CompressionMeasurement, label: String? = nil) -> ChartPoint {
            ChartPoint(x: m.compressBytesPerSecond / 1e6, y: m.ratio, label: label ?? m.setting.label)
        }
        let noSaving = 1.0
        let xAxis = ChartAxis(label: "compress throughput (MB/s)", scale: .log10)
            .fixingRange(over: result.measurements.map { $0.compressBytesPerSecond / 1e6 })
        let yAxis = ChartAxis(label: "compression ratio (×)", format: .multiplier, startsAtZero: false)
            .fixingRange(over: result.measurements.map(\.ratio) + [noSaving])
        var highlights = [ChartHighlight(name: "Pareto front", kind: .front, points: paretoFront(measured).map { point($0) })]
        if let picks = result.picks(client: client, batchSize: batchSize) {
            let named = [("best ratio", picks.bestRatio), ("fastest", picks.fastest), ("balanced", picks.balanced)]
            let ringed = measured.compactMap { m -> ChartPoint? in
                let roles = named.filter { $0.1 == m.setting }.map(\.0)
                return roles.isEmpty ? nil : point(m, label: "\(roles.joined(separator: ", ")): \(m.setting.label)")
            }
            highlights.append(ChartHighlight(name: "picks", kind: .ring, points: ringed))
        }
        return XYChart(
            id: "ratio-vs-speed-\(client)-\(ByteSize.identifier(batchSize))",
            title: "Ratio vs compress throughput, \(client), \(ByteSize.format(batchSize)) batches",
            subtitle: "up and right is better; build + compress of real batches",
            style: .scatter,
            xAxis: xAxis,
            yAxis: yAxis,
            series: codecs.map { type in
                ChartSeries(name: type.description, points: measured.filter { $0.setting.type == type }.map { point($0) })
            },
            referenceLines: [ReferenceLine(label: "1× = no saving", value: noSaving)],
            highlights: highlights
        )
    }

    /// The settings no other beats on both ratio and compress throughput (`none` left out),
    /// fastest first.
    static func paretoFront(_ measured: [CompressionMeasurement]) -> [CompressionMeasurement] {
        let codecs = measured.filter { $0.setting.type != .none }
        return codecs.filter { m in
            !codecs.contains { other in
                other.ratio >= m.ratio && other.compressBytesPerSecond >= m.compressBytesPerSecond
                    && (other.ratio > m.ratio || other.compressBytesPerSecond > m.compressBytesPerSecond)
            }
        }.sorted { $0.compressBytesPerSecond > $1.compressBytesPerSecond }
    }

    static func measurementSection(_ result: CompressionStudyResult) -> ReportSection {
        var table = ReportTable(id: "measurements", title: "Every measurement (raw values)", columns: [
            ReportColumn("client"), ReportColumn("codec"), ReportColumn("level", format: .integer),
            ReportColumn("batch_size", header: "batch size", format: .integer),
            ReportColumn("batches", format: .integer), ReportColumn("records", format: .integer),
            ReportColumn("payload_bytes", header: "payload bytes", format: .integer),
            ReportColumn("uncompressed_bytes", header: "uncompressed bytes", format: .integer),
            ReportColumn("compressed_bytes", header: "compressed bytes", format: .integer),
            ReportColumn("records_bytes", header: "records bytes", format: .integer),
            ReportColumn("raw_compressed_bytes", header: "raw compressed bytes", format: .integer),
            ReportColumn("compress_seconds", header: "compress", format: .duration),
            ReportColumn("decompress_seconds", header: "decompress", format: .duration),
            ReportColumn("raw_compress_seconds", header: "raw compress", format: .duration),
            ReportColumn("raw_decompress_seconds", header: "raw decompress", format: .duration),
            ReportColumn("rounds", format: .integer),
            ReportColumn("compress_low_seconds", header: "compress q1", format: .duration),
            ReportColumn("compress_high_seconds", header: "compress q3", format: .duration),
        ], notes: ["Seconds are medians per pass over all the batches of the cell; q1 and q3 are the quartiles of the compress samples."])
        for m in result.measurements {
            table.addRow([
                .text(m.setting.client.description), .text(m.setting.type.description), m.setting.level.map { ReportValue($0) } ?? .missing,
                ReportValue(m.batchSize), ReportValue(m.batches), ReportValue(m.records), ReportValue(m.payloadBytes),
                ReportValue(m.uncompressedBytes), ReportValue(m.compressedBytes), ReportValue(m.recordsBytes),
                ReportValue(m.rawCompressedBytes), ReportValue(m.compressSeconds), ReportValue(m.decompressSeconds),
                ReportValue(m.rawCompressSeconds), ReportValue(m.rawDecompressSeconds), ReportValue(m.rounds),
                ReportValue(m.compressSpread.lowerBound), ReportValue(m.compressSpread.upperBound),
            ])
        }
        return ReportSection(id: "measurements", title: "All measurements", tables: [table])
    }
}
