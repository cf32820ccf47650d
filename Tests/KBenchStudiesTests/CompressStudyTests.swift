import Foundation
import KafkaCompression
import KafkaRecords
import KBenchWorkloads
import Testing
@testable import KBenchReports
@testable import KBenchStudies

/// The compression study's model on tiny runs (minimum time 0): sizes and picks, never timings.
@Suite("Compression study")
struct CompressStudyTests {
    /// Java settings (zstd 19 is a level only Java accepts).
    static let settings = [
        CompressionSetting(.none, client: .java), CompressionSetting(.gzip, level: 6, client: .java), CompressionSetting(.snappy, client: .java),
        CompressionSetting(.lz4, level: 9, client: .java), CompressionSetting(.zstd, level: 3, client: .java), CompressionSetting(.zstd, level: 19, client: .java),
    ]

    static func run(_ corpus: PayloadCorpus, sizes: [Int] = [1024, 16_384], sampleBytes: Int = 32 << 10) throws -> CompressionStudyResult {
        let configuration = CompressionStudyConfiguration(settings: settings, batchSizes: sizes, minimumTime: 0, sampleBytes: sampleBytes, maximumBatchesPerSize: 8)
        var source = corpus.generator(seed: 42)
        return try CompressionStudy(configuration: configuration, payload: &source).run()
    }

    @Test("json: every codec saves bytes; none has ratio 1; header bytes are counted")
    func jsonRatios() throws {
        let result = try Self.run(.json)
        #expect(result.measurements.count == Self.settings.count * 2)
        for m in result.measurements {
            #expect(m.batches >= 1 && m.records >= m.batches)
            #expect(m.uncompressedBytes - m.recordsBytes == RecordBatchHeader.size * m.batches)
            if m.setting.type == .none {
                #expect(m.ratio == 1 && m.compressedBytes == m.uncompressedBytes && m.rawCompressedBytes == m.recordsBytes)
            } else {
                #expect(m.ratio > 1, "\(m.setting) at \(m.batchSize)")
                #expect(m.rawRatio > 1)
            }
            #expect(m.compressSeconds > 0 && m.decompressSeconds > 0 && m.rawCompressSeconds > 0 && m.rawDecompressSeconds > 0)
            #expect(m.rounds == 1)
        }
        let small = result.measurements(client: .java, batchSize: 16_384)
        let zstd19 = try #require(small.first { $0.setting == CompressionSetting(.zstd, level: 19, client: .java) })
        let snappy = try #require(small.first { $0.setting.type == .snappy })
        #expect(zstd19.ratio > snappy.ratio)
    }

    @Test("random bytes do not compress: every ratio is at most 1")
    func randomRatios() throws {
        let result = try Self.run(.random)
        for m in result.measurements {
            #expect(m.ratio <= 1.0, "\(m.setting) at \(m.batchSize): \(m.ratio)")
            #expect(m.ratio > 0.95)
        }
    }

    /// Batches of 1 KiB hold one codec block, so the framed output is the bare library's plus
    /// the 61-byte header and exactly the Kafka framing of the facts file (§5); Java's lz4
    /// default is the fast compressor the bare library runs at level 0.
    @Test("Java's batch = the bare library's output + header + the codec's Kafka framing", arguments: [
        (CompressionType.gzip, 61 + 12),  // gzip header 10 + trailer 8, minus zlib's 2 + 4
        (.snappy, 61 + 20),               // xerial magic 8 + version 4 + compatible 4 + block length 4
        (.lz4, 61 + 15),                  // frame header 7 + block size 4 + end mark 4
        (.none, 61),
    ])
    func framing(codec: CompressionType, extraPerBatch: Int) throws {
        let configuration = CompressionStudyConfiguration(
            settings: [CompressionSetting(codec, client: .java)],
            batchSizes: [1024], minimumTime: 0, sampleBytes: 8 << 10)
        var source = PayloadCorpus.logs.generator(seed: 7)
        let m = try #require(try CompressionStudy(configuration: configuration, payload: &source).run().measurements.first)
        #expect(m.compressedBytes - m.rawCompressedBytes == extraPerBatch * m.batches)
        #expect(m.extraBytesPerBatch == Double(extraPerBatch))
    }

    @Test("librdkafka's plan: every batch is one record past its rule, built sizes match the plan")
    func plan() throws {
        let values = PayloadCorpus.json.records(count: 400, seed: 1) + [[UInt8](repeating: 0x41, count: 3000)] + PayloadCorpus.csv.records(count: 50, seed: 1)
        let records = StudyRecords(values: values, seed: 1)
        for target in [512, 1024, 16_384] {
            let rule = LibrdkafkaBatchFilling(batchSize: target, topic: "kbench")
            let plan = records.plan(librdkafka: rule, maximumBatches: 1000)
            #expect(plan.first?.lowerBound == 0 && plan.last?.upperBound == records.count)
            for (range, next) in zip(plan, plan.dropFirst()) { #expect(range.upperBound == next.lowerBound) }
            for range in plan {
                var builder = RecordBatchBuilder()
                for index in range {
                    try builder.append(key: records.keys[index], value: records.values[index], timestamp: records.timestamps[index])
                }
                try builder.finish()
                let recordsBytes = builder.sizeInBytes - RecordBatchHeader.size
                #expect(recordsBytes == records.recordsBytes(range))
                #expect(rule.requestOverhead + recordsBytes <= target || range.count == 1)
                if range.upperBound < records.count {
                    let next = range.upperBound
                    #expect(!rule.admits(count: range.count, recordsBytes: recordsBytes, keyLength: records.keys[next].count, valueLength: records.values[next].count))
                }
            }
        }
        #expect(records.keys.allSatisfy { $0.count == StudyRecords.keyLength })
        #expect(Set(records.keys).count < records.count)
        #expect(zip(records.timestamps, records.timestamps.dropFirst()).allSatisfy { $1 - $0 >= 1 && $1 - $0 <= 3 })
    }

    @Test("picks: best ratio is the highest ratio, fastest the highest speed, balanced follows the 25% rule")
    func picks() throws {
        func measurement(_ setting: CompressionSetting, ratio: Double, speed: Double) -> CompressionMeasurement {
            CompressionMeasurement(
                setting: setting, batchSize: 100, batches: 1, records: 1, payloadBytes: 1,
                uncompressedBytes: Int(ratio * 1000), compressedBytes: 1000, recordsBytes: 1, rawCompressedBytes: 1,
                compressSeconds: Double(Int(ratio * 1000)) / speed, decompressSeconds: 1, rawCompressSeconds: 1, rawDecompressSeconds: 1, rounds: 1)
        }
        let measured = [
            measurement(CompressionSetting(.none), ratio: 1, speed: 10_000),
            measurement(CompressionSetting(.lz4, level: 0), ratio: 2, speed: 800),
            measurement(CompressionSetting(.zstd, level: 3), ratio: 3.5, speed: 300),
            measurement(CompressionSetting(.zstd, level: 1), ratio: 3.4, speed: 450),
            measurement(CompressionSetting(.zstd, level: 9), ratio: 3.8, speed: 150),
            measurement(CompressionSetting(.zstd, level: 12), ratio: 4.5, speed: 5),
        ]
        let picks = try #require(CompressionPicks(client: .librdkafka, batchSize: 100, measurements: measured))
        #expect(picks.bestRatio == CompressionSetting(.zstd, level: 12))
        #expect(picks.fastest == CompressionSetting(.lz4, level: 0))
        #expect(picks.balanced == CompressionSetting(.zstd, level: 3))
        #expect(picks.tiedWithFastest.isEmpty && picks.fastestLabel == "lz4 0")
        #expect(CompressionPicks(client: .librdkafka, batchSize: 100, measurements: [measured[0]]) == nil)
        #expect(CompressionPicks(client: .librdkafka, batchSize: 7, measurements: measured) == nil)
        #expect(CompressionPicks(client: .java, batchSize: 100, measurements: measured) == nil)
    }

    @Test("tie rule: speeds whose sample quartiles overlap are tied, not ranked")
    func ties() throws {
        func measurement(_ setting: CompressionSetting, seconds: Double, spread: ClosedRange<Double>, ratio: Double = 2) -> CompressionMeasurement {
            CompressionMeasurement(
                setting: setting, batchSize: 100, batches: 1, records: 1, payloadBytes: 1,
                uncompressedBytes: 3000, compressedBytes: Int(3000 / ratio), recordsBytes: 1, rawCompressedBytes: 1,
                compressSeconds: seconds, decompressSeconds: 1, rawCompressSeconds: 1, rawDecompressSeconds: 1, rounds: 5,
                compressSpread: spread)
        }
        let lz4 = measurement(CompressionSetting(.lz4, level: 0), seconds: 1.00, spread: 0.97...1.04)
        let snappy = measurement(CompressionSetting(.snappy), seconds: 1.02, spread: 0.99...1.06, ratio: 2.1)
        let gzip = measurement(CompressionSetting(.gzip, level: 1), seconds: 3, spread: 2.9...3.1, ratio: 3)
        let picks = try #require(CompressionPicks(client: .librdkafka, batchSize: 100, measurements: [gzip, snappy, lz4]))
        #expect(picks.fastest == lz4.setting && picks.tiedWithFastest == [snappy.setting])
        #expect(picks.fastestLabel == "lz4 0 = snappy (tied)")
        let apart = measurement(CompressionSetting(.snappy), seconds: 1.2, spread: 1.1...1.3, ratio: 2.1)
        let clear = try #require(CompressionPicks(client: .librdkafka, batchSize: 100, measurements: [gzip, apart, lz4]))
        #expect(clear.tiedWithFastest.isEmpty && clear.fastestLabel == "lz4 0")
        #expect(!CompressionPicks.tied(gzip, lz4) && CompressionPicks.tied(lz4, snappy))
    }

    @Test("the report: picks per batch size, two tables and a labelled scatter chart per size, JSON round trip")
    func report() throws {
        let result = try Self.run(.csv)
        #expect(result.picks.map(\.batchSize) == [1024, 16_384] && result.picks.allSatisfy { $0.client == .java })
        let document = CompressionReport.document(result, includeMeasurementTable: true)
        let picks = try #require(document.table("picks"))
        #expect(picks.rows.count == 2)
        #expect(picks.values(column: "batch_size").map(\.numericValue) == [1024, 16_384])
        #expect(picks.values(column: "fastest").allSatisfy { $0 != .text("none") })
        for key in ["java-1kib", "java-16kib"] {
            let codecs = try #require(document.table("codecs-\(key)"))
            #expect(codecs.values(column: "setting").compactMap(\.textValue) == Self.settings.map(\.label))
            #expect(document.table("raw-\(key)")?.rows.count == Self.settings.count)
        }
        let charts = document.allCharts
        #expect(charts.map(\.id) == ["ratio-vs-speed-java-1kib", "ratio-vs-speed-java-16kib"])
        guard case .xy(let chart) = charts[0] else { Issue.record("not an XY chart"); return }
        #expect(chart.style == .scatter)
        #expect(chart.series.map(\.name) == ["none", "gzip", "snappy", "lz4", "zstd"])
        #expect(chart.series.flatMap(\.points).compactMap(\.label).contains("zstd 19"))
        // One study, one set of axis ranges; the 1× line; the picks ringed; the front undominated.
        guard case .xy(let other) = charts[1] else { Issue.record("not an XY chart"); return }
        #expect(chart.xAxis == other.xAxis && chart.yAxis == other.yAxis)
        #expect(chart.xAxis.minimum != nil && chart.yAxis.maximum != nil)
        let allRatios = result.measurements.map(\.ratio)
        #expect((chart.yAxis.minimum ?? .nan) <= 1 && (chart.yAxis.maximum ?? 0) >= allRatios.max() ?? .infinity)
        #expect(chart.referenceLines.map(\.value) == [1])
        let firstPicks = try #require(result.picks(client: .java, batchSize: 1024))
        let ringed = try #require(chart.highlights.first { $0.kind == .ring }).points.compactMap(\.label)
        #expect(ringed.contains { $0.hasSuffix(": \(firstPicks.bestRatio.label)") && $0.contains("best ratio") })
        #expect(ringed.contains { $0.hasSuffix(": \(firstPicks.balanced.label)") && $0.contains("balanced") })
        let front = try #require(chart.highlights.first { $0.kind == .front }).points
        let points = chart.series.filter { $0.name != "none" }.flatMap(\.points)
        #expect(!front.isEmpty)
        for point in front {
            #expect(!points.contains { $0.x >= point.x && $0.y >= point.y && ($0.x > point.x || $0.y > point.y) })
        }
        #expect(points.allSatisfy { p in front.contains { $0.x == p.x && $0.y == p.y }
            || points.contains { $0.x >= p.x && $0.y >= p.y && ($0.x > p.x || $0.y > p.y) } })
        #expect(document.table("measurements")?.rows.count == Self.settings.count * 2)
        let json = try ReportFormat.json.render(document)
        #expect(try JSONReportRenderer().decode(Data(json.utf8)) == document)
        #expect(CompressionReport.document(result).table("measurements") == nil)
    }

    @Test("a payload smaller than the budget is measured whole and flagged")
    func exhaustedPayload() throws {
        var source = ArrayPayloadSource(records: PayloadCorpus.json.records(count: 5, seed: 1))
        let configuration = CompressionStudyConfiguration(settings: [CompressionSetting(.zstd, level: 1)], batchSizes: [1024, 1 << 20], minimumTime: 0)
        let result = try CompressionStudy(configuration: configuration, payload: &source).run()
        #expect(result.payloadExhausted && result.sampleRecords == 5)
        #expect(result.measurements.map(\.records) == [5, 5])
        #expect(result.measurements.last?.batches == 1)
        #expect(CompressionReport.document(result).parameters.contains { $0.label == "note" })
    }

    @Test("a decompression limit below a batch's records is a decoding error naming the setting")
    func decompressionLimit() throws {
        let configuration = CompressionStudyConfiguration(settings: [CompressionSetting(.gzip, level: 1)], batchSizes: [16_384], minimumTime: 0, decompressionLimit: 1000, sampleBytes: 16_384)
        var source = PayloadCorpus.json.generator(seed: 1)
        let study = try CompressionStudy(configuration: configuration, payload: &source)
        let error = #expect(throws: CompressionStudyError.self) { try study.run() }
        #expect(error?.description.hasPrefix("gzip 1 at 16 KiB batches: decoding failed: ") == true)
    }

    @Test("configurations out of range are refused", arguments: [
        CompressionStudyConfiguration(batchSizes: [0]),
        CompressionStudyConfiguration(batchSizes: [128 << 20]),
        CompressionStudyConfiguration(batchSizes: []),
        CompressionStudyConfiguration(settings: []),
        CompressionStudyConfiguration(minimumTime: -1),
        CompressionStudyConfiguration(decompressionLimit: 0),
    ])
    func invalid(configuration: CompressionStudyConfiguration) {
        #expect(throws: CompressionStudyError.self) { try configuration.validate() }
    }

    @Test("the timer's median and quartiles")
    func median() {
        #expect(TimingSpread(samples: [3, 1, 2]) == TimingSpread(median: 2, low: 1, high: 3))
        #expect(TimingSpread(samples: [4, 1, 3, 2]).median == 2.5)
        #expect(TimingSpread(samples: [9, 1, 5, 2, 7, 3, 8, 4, 6]) == TimingSpread(median: 5, low: 3, high: 7))
        #expect(TimingSpread(samples: []).median.isNaN)
    }
}

/// Records from memory, for tests.
struct ArrayPayloadSource: PayloadSource {
    var records: [[UInt8]]
    var index = 0
    var description: String { "memory" }

    mutating func nextPayload() throws(PayloadReadError) -> [UInt8]? {
        guard index < records.count else { return nil }
        defer { index += 1 }
        return records[index]
    }
}
