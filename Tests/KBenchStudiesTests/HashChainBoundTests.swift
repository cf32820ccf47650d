import KBenchReports
@testable import KBenchStudies
import Testing

/// The hash report's evidence at the chain bound of one-key murmur2 and FNV-1a.
@Suite("Hash report: one-key chain bound")
struct HashChainBoundTests {
    static func timing(_ samples: [Double]) -> OperationTiming {
        OperationTiming(spread: TimingSpread(samples: samples), minimumSeconds: samples.min() ?? 0, samples: samples.count, runsPerSample: 1)
    }

    @Test("cycles per step by key size, kbench and librdkafka rows, only with the core clock")
    func cyclesTable() throws {
        var result = HashInstructionCountTests.result(instructions: nil)
        result.clockHertz = 4e9
        // 1 µs per run of 100 keys: 10 ns, 40 cycles per key: 20 per block at 8 B, 2.5 at 64 B.
        let table = try #require(HashReport.document(result).table("chain-cycles"))
        #expect(table.values(column: "side") == [.text("kbench"), .text("librdkafka")])
        #expect(table.values(column: "size_8").map(\.numericValue) == [20, 20])
        #expect(table.values(column: "size_64").map(\.numericValue) == [2.5, 2.5])
        result.clockHertz = nil
        #expect(HashReport.document(result).table("chain-cycles") == nil)
    }

    @Test("a one-key loss is named with its cycles and judged against the rounds' spread")
    func lossVerdicts() throws {
        var result = HashInstructionCountTests.result(instructions: nil)
        result.clockHertz = 4e9
        #expect(HashReport.chainLosses(result).isEmpty)
        // 64 B: kbench 1.00–1.04 µs per run, librdkafka 0.98–1.02: a loss inside the spread.
        result.measurements[1].kbench = Self.timing([1.00e-6, 1.01e-6, 1.02e-6, 1.03e-6, 1.04e-6])
        result.measurements[1].librdkafka = Self.timing([0.98e-6, 0.99e-6, 1.00e-6, 1.01e-6, 1.02e-6])
        let tie = try #require(HashReport.chainLosses(result).first)
        #expect(tie.hasPrefix("murmur2 one key at 64 B: 0.98×, 2.55 vs 2.50 cycles per 4-byte block"))
        #expect(tie.hasSuffix("a tie at the chain bound"))
        #expect(HashReport.document(result).findings.contains { $0.topic == "one-key losses" && $0.text == tie })
        // librdkafka clearly faster: the verdict says so.
        result.measurements[1].librdkafka = Self.timing([0.80e-6, 0.81e-6, 0.82e-6, 0.83e-6, 0.84e-6])
        let loss = try #require(HashReport.chainLosses(result).first)
        #expect(loss.hasSuffix("outside the middle halves of their rounds"))
        // Without the clock nothing is claimed.
        result.clockHertz = nil
        #expect(HashReport.chainLosses(result).isEmpty)
    }
}
