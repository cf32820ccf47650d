import Foundation
import KafkaLive
import KafkaPartitioning
@testable import KBenchReports
@testable import KBenchStudies
import Testing

/// The hash study on tiny runs: every cell measured, librdkafka compared, ratios consistent,
/// and keys verified against librdkafka before timing.
@Suite("Hash study")
struct HashStudyTests {
    /// Odd sizes exercise the tails; tiny key sets and no minimum time keep it fast.
    static let tiny = HashStudyConfiguration(
        sizes: [1, 7, 64, 300], minimumTime: 0, batchBytes: 4096, maximumBatchKeys: 64,
        singleKeyBytes: 1024, maximumSingleKeys: 16)

    /// `kbench report --baseline` flags a cell whose spreads (fastest to slowest sample) do not
    /// overlap: a burst of load shorter than a cell must leave some of its samples untouched.
    @Test("a --quick cell times each side for at least 50 ms in several samples: a burst shorter than the cell cannot move all of them")
    func quickCellsOutlastABurst() throws {
        var quick = HashStudyConfiguration.quick
        quick.functions = [.fnv1a]
        quick.modes = [.single]
        quick.sizes = [64]
        let cell = try #require(try HashStudy(configuration: quick).run().measurements.first)
        for timing in [cell.kbench, try #require(cell.librdkafka)] {
            let timed = Double(timing.samples * timing.runsPerSample) * timing.spread.median
            #expect(timing.samples >= 3, "\(timing)")
            #expect(timed >= 0.8 * 0.05, "each side timed for about the minimum time: \(timed) s")
        }
    }

    @Test("every function × mode × size is measured, with librdkafka timed alongside")
    func everyCell() throws {
        let study = try HashStudy(configuration: Self.tiny)
        let result = try study.run()
        #expect(result.measurements.count == study.cellCount)
        #expect(study.cellCount == 3 * 2 * 4)
        for size in Self.tiny.sizes {
            for function in HashStudyConfiguration.supportedFunctions {
                for mode in HashMode.allCases {
                    let m = try #require(result.measurement(function, mode, keySize: size))
                    #expect(m.kbench.medianSeconds > 0 && m.kbench.medianSeconds.isFinite)
                    let reference = try #require(m.librdkafka)
                    #expect(reference.medianSeconds > 0)
                    #expect(m.keysPerRun == (mode == .single ? Self.tiny.singleKeyCount(size: size) : Self.tiny.batchKeyCount(size: size)))
                    let speedup = try #require(m.speedup)
                    #expect(abs(speedup - reference.medianSeconds / m.kbench.medianSeconds) < 1e-9 * speedup)
                    #expect(abs(m.kbenchBytesPerSecond - m.kbenchKeysPerSecond * Double(size)) < 1e-6 * m.kbenchBytesPerSecond)
                    #expect(m.librdkafkaPartitioner == ["murmur2": "murmur2", "crc32": "consistent", "fnv1a": "fnv1a"][function.rawValue])
                    #expect(m.kernel == (mode == .single ? "one-key" : BatchKernel.automatic.resolved(for: function).rawValue))
                }
            }
        }
    }

    @Test("the keys used are verified against librdkafka first: counts and both partition counts")
    func verification() throws {
        let result = try HashStudy(configuration: Self.tiny).run()
        let keys = Self.tiny.sizes.map { Self.tiny.keyCount(size: $0) }.reduce(0, +)
        #expect(result.verifiedKeys == keys * 3)
        #expect(result.verifiedPartitionCounts == [12, Int32.max])
        #expect(result.librdkafkaVersion == HashStudy.librdkafkaVersion)
        #expect(!result.librdkafkaVersion.isEmpty)
    }

    @Test("kbench's hashes of the study's keys equal librdkafka's (31 bits through 2³¹−1 partitions)")
    func hashesEqualLibrdkafka() throws {
        for size in [1, 3, 4, 16, 65, 1000] {
            let keys = HashKeySet(size: size, count: 50, seed: 7)
            keys.batch.withContiguousKeys { all in
                for index in 0..<all.count {
                    let key = all[index]
                    #expect(key.count == size)
                    let big = Int32.max
                    let murmur = (Murmur2.hash(key) & 0x7fff_ffff) % UInt32(big)
                    #expect(Int32(murmur) == LibrdkafkaPartitioners.partition(LibrdkafkaPartitioners.murmur2, key: key, partitionCount: big))
                    #expect(Int32(truncatingIfNeeded: CRC32.hash(key) % UInt32(big)) == LibrdkafkaPartitioners.partition(LibrdkafkaPartitioners.consistent, key: key, partitionCount: big))
                    #expect(Int32(truncatingIfNeeded: FNV1a.librdkafkaHash(key) % UInt32(big)) == LibrdkafkaPartitioners.partition(LibrdkafkaPartitioners.fnv1a, key: key, partitionCount: big))
                }
            }
        }
    }

    @Test("verification fails loudly when kbench and librdkafka disagree", arguments: [HashMode.single, .batch])
    func mismatchIsAnError(mode: HashMode) throws {
        var configuration = Self.tiny
        configuration.modes = [mode]
        let study = try HashStudy(configuration: configuration)
        // kbench's murmur2 rule checked against librdkafka's CRC-32 partitioner: must not pass.
        let wrong = HashPairing(function: .murmur2, rule: KeyHashing(.murmur2, .clearSignBit),
                                librdkafkaName: "consistent", librdkafka: LibrdkafkaPartitioners.consistent)
        let keys = HashKeySet(size: 16, count: 32, seed: 1)
        #expect(throws: HashStudyError.self) {
            try keys.batch.withContiguousKeys { all in
                try study.verify(wrong, keys: all, size: 16, partitionCounts: [12])
            }
        }
        // The right pairing passes on the same keys.
        try keys.batch.withContiguousKeys { all in
            try study.verify(HashPairing(.murmur2), keys: all, size: 16, partitionCounts: [12, Int32.max])
        }
    }

    @Test("the same seed gives the same keys; another seed other keys")
    func seededKeys() {
        let a = HashKeySet(size: 13, count: 8, seed: 5).batch
        #expect(a == HashKeySet(size: 13, count: 8, seed: 5).batch)
        #expect(a != HashKeySet(size: 13, count: 8, seed: 6).batch)
        #expect(a.count == 8 && a.byteCount == 8 * 13)
    }

    @Test("--compare none: no librdkafka timing, no speedup")
    func withoutComparison() throws {
        var configuration = Self.tiny
        configuration.compareLibrdkafka = false
        configuration.sizes = [8]
        let result = try HashStudy(configuration: configuration).run()
        #expect(result.measurements.count == 6)
        #expect(result.measurements.allSatisfy { $0.librdkafka == nil && $0.speedup == nil })
        let document = HashReport.document(result)
        #expect(document.table("speedup") == nil)
        let throughput = try #require(document.table("throughput"))
        #expect(throughput.rows.count == 6)
        #expect(document.table("murmur2")?.columnIndex("librdkafka_ns_per_key") == nil)
        #expect(document.allCharts.map(\.id) == ["throughput-murmur2", "throughput-crc32", "throughput-fnv1a"])
    }

    @Test("the report: speedup overview, a table and a chart per function, every number from the model")
    func report() throws {
        let result = try HashStudy(configuration: Self.tiny).run()
        let document = HashReport.document(result)
        #expect(document.id == "hash")
        let overview = try #require(document.table("speedup"))
        #expect(overview.rows.count == 6)
        #expect(overview.columns.map(\.id) == ["function", "mode", "size_1", "size_7", "size_64", "size_300"])
        let expected = try #require(result.measurement(.crc32, .batch, keySize: 64)?.speedup)
        let row = try #require(overview.rows.firstIndex { $0[0] == "crc32" && $0[1] == "batch" })
        #expect(overview.value(row: row, column: "size_64") == .number(expected))
        for function in ["murmur2", "crc32", "fnv1a"] {
            let table = try #require(document.table(function))
            #expect(table.rows.count == 8)
            #expect(table.values(column: "speedup").allSatisfy { ($0.numericValue ?? 0) > 0 })
        }
        let charts = document.allCharts.map(\.id)
        #expect(charts == ["speedup", "throughput-murmur2", "throughput-crc32", "throughput-fnv1a"])
        guard case .xy(let chart) = try #require(document.allCharts.last) else { Issue.record("not an XY chart"); return }
        #expect(chart.xAxis.scale == .log2)
        #expect(chart.xAxis.ticks == [1, 7, 64, 300], "ticks at the key sizes measured only")
        guard case .xy(let speedup) = try #require(document.allCharts.first) else { Issue.record("not an XY chart"); return }
        #expect(speedup.referenceLines.map(\.value) == [1] && speedup.referenceLines[0].label.contains("as fast as librdkafka"))
        #expect(chart.series.map(\.name) == ["kbench single", "kbench batch", "librdkafka single", "librdkafka batch"])
        #expect(chart.series.allSatisfy { $0.points.map(\.x) == [1, 7, 64, 300] })
        let fnv = try #require(result.measurement(.fnv1a, .single, keySize: 7))
        #expect(chart.series[0].points[1].y == fnv.kbenchBytesPerSecond / 1e9)
        // JSON round trip.
        let json = try JSONReportRenderer().render(document)
        #expect(try JSONReportRenderer().decode(Data(json.utf8)) == document)
    }

    @Test("selections parse with one-line errors", arguments: [
        ("8,16,1KiB", [8, 16, 1024], nil),
        ("64, 8,64", [64, 8], nil),
        ("0", nil, "a key size must be positive, got '0'"),
        ("2MiB", nil, "2 MiB is above the maximum key size of 1 MiB"),
    ] as [(String, [Int]?, String?)])
    func sizes(text: String, sizes: [Int]?, message: String?) {
        do {
            let parsed = try HashSelection.sizes(parsing: text)
            #expect(parsed == sizes)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("unknown functions and modes are named")
    func unknownNames() {
        #expect(throws: HashStudyError.invalidConfiguration("unknown hash function 'md5' (expected one of: murmur2, crc32, fnv1a)")) {
            try HashSelection.functions(parsing: "murmur2,md5")
        }
        #expect(throws: HashStudyError.invalidConfiguration("unknown hash function 'kafkajs-legacy-murmur2' (expected one of: murmur2, crc32, fnv1a)")) {
            try HashSelection.functions(parsing: "kafkajs-legacy-murmur2")
        }
        #expect(throws: HashStudyError.invalidConfiguration("unknown mode 'turbo' (expected one of: single, batch)")) {
            try HashSelection.modes(parsing: "turbo")
        }
        #expect((try? HashSelection.functions(parsing: "FNV1A, murmur2,fnv1a")) == [.fnv1a, .murmur2])
        #expect(throws: HashStudyError.self) { try HashStudy(configuration: HashStudyConfiguration(sizes: [])) }
        #expect(throws: HashStudyError.self) { try HashStudy(configuration: HashStudyConfiguration(partitionCount: 0)) }
    }

    @Test("key-set sizes stay within their budgets")
    func budgets() {
        let configuration = HashStudyConfiguration()
        #expect(configuration.batchKeyCount(size: 8) == 1_000_000)
        #expect(configuration.batchKeyCount(size: 64) == 262_144)
        #expect(configuration.batchKeyCount(size: 65536) == 256)
        #expect(configuration.batchKeyCount(size: 1 << 20) == 16)
        #expect(configuration.singleKeyCount(size: 8) == 16384)
        #expect(configuration.singleKeyCount(size: 64) == 4096)
        #expect(configuration.singleKeyCount(size: 65536) == 4)
    }
}
