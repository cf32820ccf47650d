import Foundation
import Testing
import TestSupport

/// `kbench partitions --keys FILE` streams: the child's peak RSS (its VmHWM, sampled) is the
/// same for a key file four times larger. The 10 GB run on the release build is the measured
/// version of this check (figures in the closing note); this one runs in the test
/// command on the debug build, with a few MiB.
@Suite("kbench partitions: flat memory on growing key files")
struct StreamingMemoryTests {
    /// Lines of 16–40 bytes, `user-PPPP-<hex>`, distinct across the whole file (PPPP numbers
    /// each 1 MiB pass), deterministic.
    static func writeKeys(bytes: Int, to path: String) throws -> Int {
        var block: [UInt8] = []
        var passMarks: [Int] = []
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let hex = Array("0123456789abcdef".utf8)
        while block.count < 1 << 20 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let suffix = 5 + Int((state >> 33) % 25)
            block += Array("user-".utf8)
            passMarks.append(block.count)
            block += Array("0000-".utf8)
            var bits = state ^ (state >> 29)
            for _ in 0..<suffix {
                block.append(hex[Int(bits & 15)])
                bits = (bits >> 4) | (bits << 60)
            }
            block.append(0x0A)
        }
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw TestSetupFailure("cannot create \(path)") }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var written = 0, lines = 0, pass = 0
        while written + block.count <= bytes {
            block.withUnsafeMutableBytes { buffer in
                for mark in passMarks {
                    for digit in 0..<4 { buffer[mark + digit] = hex[(pass >> (12 - 4 * digit)) & 15] }
                }
            }
            try handle.write(contentsOf: block)
            written += block.count
            lines += passMarks.count
            pass += 1
        }
        return lines
    }

    /// The `records` parameter of a JSON partitions report.
    static func records(inReport json: String) throws -> Int? {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let parameters = object?["parameters"] as? [[String: Any]] ?? []
        return parameters.first { $0["label"] as? String == "records" }?["value"] as? Int
    }

    @Test("peak RSS with a 4× larger key file stays within 8 MiB (java partitioner, 12 partitions)")
    func flatPeakRSS() throws {
        let folder = try TemporaryFolder()
        var peaks: [Int] = []
        for (name, size) in [("small", 6 << 20), ("large", 24 << 20)] {
            let path = folder.path("\(name).txt")
            let lines = try Self.writeKeys(bytes: size, to: path)
            let result = try ChildProcess.kbench(["partitions", "--keys", path, "-n", "12", "--partitioner", "java", "--format", "json"], deadline: 300)
            #expect(result.status == 0, "\(name): \(result.err)")
            #expect(try Self.records(inReport: result.out) == lines, "\(name): every key read")
            #expect(result.peakRSS > 1 << 20, "\(name): ru_maxrss \(result.peakRSS)")
            peaks.append(result.peakRSS)
        }
        let growth = peaks[1] - peaks[0]
        #expect(growth < 8 << 20, "peak RSS \(peaks[0] >> 10) KiB for 6 MiB of keys, \(peaks[1] >> 10) KiB for 24 MiB")
    }
}
