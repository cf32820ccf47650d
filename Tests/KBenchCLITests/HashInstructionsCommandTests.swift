import Foundation
import KBenchReports
import Testing
import TestSupport

/// `kbench hash --instructions callgrind` through the built executable: kbench re-runs itself
/// under valgrind's callgrind and the report gains instructions per key. Needs valgrind (a
/// missing valgrind fails the test naming the package).
@Suite("kbench hash --instructions")
struct HashInstructionsCommandTests {
    static let sizes = [8, 64, 256, 1024]

    /// The JSON report of murmur2 at ``sizes``, both modes, counted by callgrind.
    static func murmur2Report() throws -> ReportDocument {
        try Valgrind.require()
        let result = try KBenchExecutable.run([
            "hash", "--functions", "murmur2", "--sizes", sizes.map(String.init).joined(separator: ","), "--min-time", "0",
            "--batch-keys", "512", "--instructions", "callgrind", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.err)")
        return try JSONReportRenderer().decode(Data(result.out.utf8))
    }

    @Test("murmur2: instructions per key positive, growing with the key size, 1 to 20 per 4-byte block, kbench ≤ librdkafka")
    func plausible() throws {
        let document = try Self.murmur2Report()
        // A debug kbench inlines nothing (about 150 instructions per block): only an optimised
        // build is held to the bounds of the real loops and to the claim.
        let optimised = document.parameters.first(where: { $0.label == "build" })?.value == .text("optimised")
        let mostPerBlock = optimised ? 20 : 400
        #expect(document.parameters.first { $0.label == "instructions" }?.value == .text("per key, by valgrind's callgrind"))
        let table = try #require(document.table("murmur2"))
        for side in ["kbench", "librdkafka"] {
            let counts = table.values(column: "\(side)_instructions_per_key").map { $0.numericValue ?? .nan }
            #expect(counts.count == 2 * Self.sizes.count)
            for (mode, range) in [("single", 0..<Self.sizes.count), ("batch", Self.sizes.count..<2 * Self.sizes.count)] {
                let perKey = Array(counts[range])
                #expect(zip(perKey, perKey.dropFirst()).allSatisfy { $0 < $1 }, "\(side) \(mode) grows with the key size: \(perKey)")
                for (size, count) in zip(Self.sizes, perKey) {
                    #expect(count >= Double(size / 4) && count <= Double(mostPerBlock * (size / 4 + 10)), "\(side) \(mode) \(size) B: \(count) instructions")
                }
            }
        }
        #expect(document.paragraphs.contains { $0.contains("callgrind") && $0.contains("collected exactly each timed loop") })
        // The claim: kbench executes no more instructions per key than librdkafka at any size.
        let ratios = table.values(column: "instruction_ratio").map { $0.numericValue ?? .nan }
        #expect(ratios.count == 2 * Self.sizes.count && ratios.allSatisfy { $0 > 0 })
        if optimised {
            #expect(ratios.allSatisfy { $0 >= 1 }, "librdkafka ÷ kbench instructions per key: \(ratios)")
        }
    }

    @Test("--instructions hardware where the CPU's counter is hidden: one line naming the reason, exit 1")
    func hardwareUnavailable() throws {
        let result = try KBenchExecutable.run(["hash", "--functions", "murmur2", "--sizes", "8", "--min-time", "0", "--instructions", "hardware"])
        if result.status == 0 {
            // This machine exposes the counter: the report says so.
            #expect(result.out.contains("by the CPU's counter"))
        } else {
            #expect(result.status == 1)
            let errors = result.err.split(separator: "\n").filter { !$0.hasPrefix("kbench: warning: debug build") }
            #expect(errors.count == 1)
            #expect(errors.first?.hasPrefix("kbench: --instructions hardware: no hardware instruction counter (perf_event_open: ") == true, "\(result.err)")
        }
    }
}
