import Foundation
import KafkaPartitioning
@testable import KBenchStudies
import KBenchReports
import Testing

/// Instruction counting of the hash study, without running valgrind: the callgrind profile
/// parts, the labels of the counted loops, the choice of method and the report's columns.
/// (`kbench hash --instructions callgrind` itself: HashInstructionsCommandTests.)
@Suite("Hash instruction counts")
struct HashInstructionCountTests {
    @Test("a callgrind profile part: the label of its client request and its instruction total")
    func profilePart() throws {
        let text = """
            # callgrind format
            version: 1
            creator: callgrind-3.19.0
            desc: Timerange: Basic block 0 - 30277
            desc: Trigger: Client Request: kbench-hash murmur2 single 64 kbench one-key 256

            positions: line
            events: Ir
            summary: 5020

            fn=(536) main
            0 14
            totals: 5020
            """
        let part = try #require(CallgrindProfilePart(parsing: text))
        #expect(part.label == "kbench-hash murmur2 single 64 kbench one-key 256")
        #expect(part.instructions == 5020)
        #expect(CallgrindProfilePart(parsing: text.replacingOccurrences(of: "Client Request: ", with: "Program termination")) == nil)
        #expect(CallgrindProfilePart(parsing: "desc: Trigger: Client Request: x\nevents: Ir\n") == nil, "no count, no part")
    }

    @Test("labels round-trip to instructions per key, less the overhead of a counted stretch")
    func labels() throws {
        let cell = HashCallgrindLabel.Cell(function: .murmur2, mode: .batch, size: 64)
        let counts: [String: Int64] = [
            HashCallgrindLabel.overhead: 20,
            HashCallgrindLabel.label(cell, side: "kbench", kernel: "avx2", keys: 100): 2020,
            HashCallgrindLabel.label(cell, side: "librdkafka", kernel: "avx2", keys: 100): 9020,
            "kbench-hash garbage": 1,
        ]
        let parsed = HashCallgrindLabel.counts(counts, overhead: 20)
        #expect(parsed.count == 1)
        let count = try #require(parsed[cell])
        #expect(count.kbench == 20 && count.librdkafka == 90 && count.kernel == "avx2" && count.keys == 100)
        #expect(count.ratio == 4.5)
    }

    @Test("the callgrind child gets the cells, partitions, seed and comparison of the parent")
    func childArguments() {
        let configuration = HashStudyConfiguration(functions: [.fnv1a], modes: [.single], sizes: [8, 1024], compareLibrdkafka: false,
                                                   partitionCount: 7, seed: 9, maximumBatchKeys: 50)
        #expect(HashCallgrindLabel.childArguments(configuration) == [
            "hash", "--functions", "fnv1a", "--modes", "single", "--sizes", "8,1024", "--compare", "none",
            "--partitions", "7", "--batch-keys", "50", "--seed", "9", "--callgrind-child",
        ])
        let counted = HashStudyConfiguration().callgrindCounted
        #expect(counted.batchKeyCount(size: 8) == 1024 && counted.batchKeyCount(size: 65536) == 16)
        #expect(counted.singleKeyCount(size: 8) == 256 && counted.singleKeyCount(size: 65536) == 4)
    }

    @Test("without valgrind on PATH the reason names the package to install")
    func missingValgrind() {
        guard case .failure(let error) = CallgrindRun.locate(environment: ["PATH": "/nonexistent"]) else {
            Issue.record("valgrind found on an empty PATH")
            return
        }
        #expect(error.description == "valgrind is not installed (apt-get install valgrind)")
    }

    @Test("auto: a callgrind run that fails leaves the counts out and says why; the timings stand")
    func autoRecordsFailure() throws {
        let configuration = HashStudyConfiguration(functions: [.murmur2], modes: [.single], sizes: [8], minimumTime: 0, instructions: .auto)
        // /bin/false is no kbench: its callgrind run exits 1.
        let result = try HashStudy(configuration: configuration, executable: "/bin/false").run()
        let summary = try #require(result.instructions)
        #expect(result.measurements.count == 1 && result.measurements[0].speedup != nil)
        if summary.method != .hardware {
            #expect(summary.method == nil)
            #expect(summary.explanation.hasPrefix("Instructions per key were not counted: "), "\(summary.explanation)")
            #expect(result.measurements[0].instructions == nil)
        }
    }

    @Test("the child refuses to run outside valgrind")
    func childOutsideValgrind() throws {
        let study = try HashStudy(configuration: HashStudyConfiguration(sizes: [8]))
        #expect(throws: HashStudyError.instructions("--callgrind-child only runs under valgrind's callgrind (use --instructions callgrind)")) {
            try study.countUnderCallgrind()
        }
    }

    @Test("the report: an instructions column per side, a ratio column and an overview of ratios")
    func reportColumns() throws {
        let result = Self.result(instructions: InstructionCountSummary(method: .callgrind, explanation: "Counted by callgrind."))
        let document = HashReport.document(result)
        let table = try #require(document.table("murmur2"))
        #expect(table.values(column: "kbench_instructions_per_key").map(\.numericValue) == [30, 300])
        #expect(table.values(column: "librdkafka_instructions_per_key").map(\.numericValue) == [45, 375])
        #expect(table.values(column: "instruction_ratio").map(\.numericValue) == [1.5, 1.25])
        let overview = try #require(document.table("instructions"))
        #expect(overview.values(column: "size_8").map(\.numericValue) == [1.5])
        #expect(overview.values(column: "size_64").map(\.numericValue) == [1.25])
        #expect(overview.notes == ["instructions per key, by valgrind's callgrind (see above); instr. ratio = librdkafka ÷ kbench instructions (above 1: kbench executes fewer)."])
        #expect(document.paragraphs.contains { $0.hasPrefix("Counted by callgrind.") })
        #expect(document.parameters.first { $0.label == "instructions" }?.value == .text("per key, by valgrind's callgrind"))
    }

    @Test("when nothing could count, the columns stay and say why")
    func reportWhyNot() throws {
        let why = "Instructions per key were not counted: no hardware instruction counter (perf_event_open: No such file or directory) and valgrind is not installed (apt-get install valgrind)."
        var result = Self.result(instructions: InstructionCountSummary(method: nil, explanation: why))
        for index in result.measurements.indices { result.measurements[index].instructions = nil }
        let document = HashReport.document(result)
        let table = try #require(document.table("murmur2"))
        #expect(table.values(column: "kbench_instructions_per_key") == [.missing, .missing])
        #expect(table.notes.contains { $0.contains(why) })
        let overview = try #require(document.table("instructions"))
        #expect(overview.notes == [why])
        #expect(document.paragraphs.contains(why))
    }

    @Test("with the core clock: one-key murmur2 at the longest key in cycles per 4-byte block, kbench and librdkafka")
    func chainCycles() throws {
        var result = Self.result(instructions: nil)
        result.clockHertz = 4e9
        // 1 µs per run of 100 keys: 10 ns per key, 40 cycles, 16 blocks of 64 B.
        let expected = "murmur2 one key at 64 B: kbench 2.50 cycles per 4-byte block, librdkafka 2.50"
        let document = HashReport.document(result)
        let facts = try #require(document.sections.first { $0.id == "overview" }?.facts)
        #expect(facts.first { $0.label == "one-key chain" }?.value == .text(expected + " (bound: 4)"))
        #expect(facts.first { $0.label == "core clock" }?.value == .text("4.00 GHz (a chain of dependent multiplies)"))
        #expect(document.findings.contains { $0.topic == "one-key chain bound" && $0.text.hasPrefix(expected) })
        result.clockHertz = nil
        #expect(HashReport.document(result).findings.allSatisfy { $0.topic != "one-key chain bound" })
    }

    @Test("the core clock: about 0.5 to 10 GHz on x86-64")
    func coreClock() throws {
        #if arch(x86_64)
        let hertz = try #require(CoreClock.measure(samples: 3))
        #expect(hertz > 0.5e9 && hertz < 10e9, "\(hertz) Hz")
        #else
        #expect(CoreClock.measure(samples: 1) == nil)
        #endif
    }

    @Test("not asked for: no instruction columns")
    func reportWithout() throws {
        let document = HashReport.document(Self.result(instructions: nil))
        #expect(document.table("instructions") == nil)
        #expect(document.table("murmur2")?.columnIndex("kbench_instructions_per_key") == nil)
    }

    /// A murmur2 single-key result at 8 and 64 B with made-up timings and counts.
    static func result(instructions: InstructionCountSummary?) -> HashStudyResult {
        let timing = OperationTiming(spread: TimingSpread(samples: [1e-6]), minimumSeconds: 1e-6, maximumSeconds: 1e-6, samples: 1, runsPerSample: 1)
        let counts: [Int: [Int64]] = [8: [3000, 4500], 64: [30000, 37500]]
        let measurements = [8, 64].map { size in
            HashMeasurement(function: .murmur2, mode: .single, keySize: size, keysPerRun: 100, kernel: "one-key",
                            librdkafkaPartitioner: "murmur2", kbench: timing, librdkafka: timing,
                            instructions: HashInstructionCount(counts: counts[size] ?? [], keys: 100, kernel: "one-key"))
        }
        return HashStudyResult(
            configuration: HashStudyConfiguration(functions: [.murmur2], modes: [.single], sizes: [8, 64]), measurements: measurements,
            verifiedKeys: 200, verifiedPartitionCounts: [12, Int32.max], librdkafkaVersion: "2.0.2", hasAVX2: true, hasAVX512: false,
            hasCarrylessMultiply: true, optimized: true, elapsedSeconds: 1, instructions: instructions)
    }
}
