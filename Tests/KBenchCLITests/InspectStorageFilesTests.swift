import Foundation
import Testing
import TestSupport

/// `kbench inspect segment` on a partition's other files and `kbench inspect dir`, on the
/// sample broker data directory (results/samples/kafka-logs).
@Suite("kbench inspect segment (storage files) and inspect dir")
struct InspectStorageFilesTests {
    static let root = Repository.file("results/samples/kafka-logs").path
    static let orders = root + "/orders-0"

    /// A temporary copy of orders-0 with `patches` (file name → byte offset → XOR mask) applied.
    static func damagedPartition(_ patches: [String: [Int: UInt8]]) throws -> String {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-\(UUID().uuidString)/orders-0")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: orders, toPath: copy.path)
        for (name, bytes) in patches {
            let url = copy.appendingPathComponent(name)
            var data = [UInt8](try Data(contentsOf: url))
            for (offset, mask) in bytes { data[offset] ^= mask }
            try Data(data).write(to: url)
        }
        return copy.path
    }

    @Test("index and time index print as kafka-dump-log prints them")
    func indexLines() throws {
        let index = Self.orders + "/00000000000000000010.index"
        let time = Self.orders + "/00000000000000000010.timeindex"
        let result = try KBenchExecutable.run(["inspect", "segment", index, time])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.split(separator: "\n").map(String.init) == [
            "Dumping \(index)",
            "offset: 25 position: 442", "offset: 29 position: 746", "offset: 32 position: 1018",
            "Dumping \(time)",
            "timestamp: 1700000001041 offset: 25", "timestamp: 1700000001053 offset: 29", "timestamp: 1700000001070 offset: 32",
        ])
        #expect(result.err.isEmpty)
    }

    @Test("--verify-index-only lists mismatches on stderr as kafka-dump-log does (last first) and exits 1")
    func indexMismatches() throws {
        let partition = try Self.damagedPartition(["00000000000000000010.index": [3: 0x01, 11: 0x02]])
        let index = partition + "/00000000000000000010.index"
        let result = try KBenchExecutable.run(["inspect", "segment", index, "--verify-index-only"])
        #expect(result.status == 1)
        #expect(result.out == "Dumping \(index)\n")
        let lines = result.err.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(3)) == ["Mismatches in :\(index)", "  Index offset: 27, log offset: 29", "  Index offset: 24, log offset: 25"], "\(result.err)")
        #expect(lines.last?.hasPrefix("kbench: ") == true)
    }

    @Test("--index-sanity-check runs the broker's startup check only")
    func sanityCheck() throws {
        let good = try KBenchExecutable.run(["inspect", "segment", Self.orders + "/00000000000000000000.timeindex", "--index-sanity-check"])
        #expect(good.status == 0)
        #expect(good.out.hasSuffix("00000000000000000000.timeindex passed sanity check.\n"))
        let partition = try Self.damagedPartition(["00000000000000000010.timeindex": [24: 0x80]])
        let bad = try KBenchExecutable.run(["inspect", "segment", partition + "/00000000000000000010.timeindex", "--index-sanity-check"])
        #expect(bad.status == 1)
        #expect(bad.err.split(separator: "\n").count == 1 && bad.err.contains("corrupt index"), "\(bad.err)")
    }

    @Test("snapshot, txnindex and checkpoints print; a snapshot with a bad CRC is one line and exit 1")
    func snapshotsAndCheckpoints() throws {
        let files = ["00000000000000000040.snapshot", "00000000000000000010.txnindex", "leader-epoch-checkpoint"].map { Self.orders + "/" + $0 }
        let result = try KBenchExecutable.run(["inspect", "segment"] + files)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("producerId: 5000 producerEpoch: 2 coordinatorEpoch: -1 currentTxnFirstOffset: OptionalLong[39] lastTimestamp: 1700000002030 firstSequence: 0 lastSequence: 0 lastOffset: 39 offsetDelta: 0 timestamp: 1700000002030"))
        #expect(result.out.contains("version: 0 producerId: 4000 firstOffset: 27 lastOffset: 31 lastStableOffset: 27"))
        #expect(result.out.contains("epoch: 2 startOffset: 33"))

        let partition = try Self.damagedPartition(["00000000000000000040.snapshot": [20: 0x10]])
        let bad = try KBenchExecutable.run(["inspect", "segment", partition + "/00000000000000000040.snapshot"])
        #expect(bad.status == 1)
        #expect(bad.err.split(separator: "\n").count == 1 && bad.err.contains("crc at byte 2: CRC-32C mismatch"), "\(bad.err)")
    }

    @Test("inspect dir: JSON report of the sample; --check exits 1 on a corrupted copy, naming the fault")
    func directory() throws {
        let result = try KBenchExecutable.run(["inspect", "dir", Self.root, "--check", "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(json["id"] as? String == "inspect-dir")

        let partition = try Self.damagedPartition(["00000000000000000033.log": [80: 0x01]])
        let bad = try KBenchExecutable.run(["inspect", "dir", partition, "--check"])
        #expect(bad.status == 1)
        #expect(bad.out.contains("CRC-32C mismatch"))
        #expect(bad.err.split(separator: "\n").last?.contains("2 faults in") == true, "\(bad.err)")

        let missing = try KBenchExecutable.run(["inspect", "dir", "/nonexistent-kbench"])
        #expect(missing.status == 1)
        #expect(missing.err == "kbench: /nonexistent-kbench: not a directory\n")
    }
}

/// `kbench inspect dir` streams its segments: peak RSS does not grow with the segment size.
@Suite("kbench inspect dir: flat memory on growing segments")
struct InspectDirMemoryTests {
    /// A partition directory `t-0` holding one segment of about `bytes` bytes: the sample's
    /// v2 batches repeated (the CRCs do not cover the base offset, so every copy stays valid).
    static func partition(bytes: Int, in folder: TemporaryFolder, name: String) throws -> String {
        let directory = folder.path(name) + "/t-0"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let batches = try Data(contentsOf: URL(fileURLWithPath: InspectStorageFilesTests.orders + "/00000000000000000010.log"))
        var block = Data()
        while block.count < 1 << 20 { block += batches }
        let path = directory + "/00000000000000000000.log"
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw TestSetupFailure("cannot create \(path)") }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var written = 0
        while written + block.count <= bytes {
            try handle.write(contentsOf: block)
            written += block.count
        }
        return directory
    }

    @Test("peak RSS with a 4× larger segment stays within 8 MiB (--check decodes every record)")
    func flatPeakRSS() throws {
        let folder = try TemporaryFolder()
        var peaks: [Int] = []
        for (name, size) in [("small", 6 << 20), ("large", 24 << 20)] {
            let directory = try Self.partition(bytes: size, in: folder, name: name)
            let result = try ChildProcess.kbench(["inspect", "dir", directory, "--check", "--format", "json"], deadline: 300)
            #expect(result.status == 0, "\(name): \(result.err)")
            #expect(result.peakRSS > 1 << 20, "\(name): ru_maxrss \(result.peakRSS)")
            peaks.append(result.peakRSS)
        }
        let growth = peaks[1] - peaks[0]
        #expect(growth < 8 << 20, "peak RSS \(peaks[0] >> 10) KiB for a 6 MiB segment, \(peaks[1] >> 10) KiB for 24 MiB")
    }
}
