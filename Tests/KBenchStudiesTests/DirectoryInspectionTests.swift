import Foundation
import KBenchStudies
import TestSupport
import Testing

@Suite struct DirectoryInspectionTests {
    let sample = Repository.file("results/samples/kafka-logs").path

    @Test func sampleDirectoryReadsBackClean() throws {
        let inspection = try DirectoryInspection(path: sample, decodeRecords: true)
        #expect(inspection.partitions.map(\.name) == ["__consumer_offsets-0", "orders-0"])
        #expect(inspection.faults.isEmpty, "\(inspection.faults.map(\.fault.description))")
        let orders = try #require(inspection.partitions.last)
        #expect(orders.segments.map(\.baseOffset) == [0, 10, 33])
        #expect(orders.segments.first?.formats == [1: 7])
        #expect(orders.segments.reduce(0) { $0 + $1.records } == 40)
        #expect(orders.segments.allSatisfy { $0.offsetIndex?.isHealthy == true && $0.timeIndex?.isHealthy == true })
        let byId = Dictionary(uniqueKeysWithValues: orders.producers.map { ($0.producerId, $0) })
        #expect(byId[3000]?.committed == 1 && byId[4000]?.aborted == 1)
        #expect(byId[5000]?.openTransactionFirstOffset == 39)
        #expect(orders.snapshot?.offset == 40)
        #expect(orders.leaderEpochs.map(\.startOffset) == [0, 10, 33])
        #expect(orders.gaps.isEmpty)
    }

    @Test func corruptedCopyIsReportedWithPositions() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-dir-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(atPath: sample + "/orders-0", toPath: copy.path)
        let log = copy.appendingPathComponent("00000000000000000010.log")
        var bytes = try [UInt8](Data(contentsOf: log))
        bytes[100] ^= 0xff
        try Data(bytes).write(to: log)
        let index = copy.appendingPathComponent("00000000000000000010.index")
        var indexBytes = try [UInt8](Data(contentsOf: index))
        indexBytes[3] &+= 1
        try Data(indexBytes).write(to: index)
        let inspection = try DirectoryInspection(path: copy.path, decodeRecords: true)
        let messages = inspection.faults.map(\.fault.description)
        #expect(messages.contains { $0.hasPrefix("00000000000000000010.log: batch at position 0: CRC-32C mismatch") }, "\(messages)")
        #expect(messages.contains("00000000000000000010.index: index offset 26, log offset 25"), "\(messages)")
    }

    /// A copy of orders-0 in a fresh temporary folder.
    static func copy(of sample: String) throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-dir-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: sample + "/orders-0", toPath: copy.path)
        return copy
    }

    @Test func preallocatedIndexStopsAtItsFirstZeroSlotAsKafkasDumpDoes() throws {
        let copy = try Self.copy(of: sample)
        defer { try? FileManager.default.removeItem(at: copy) }
        let index = copy.appendingPathComponent("00000000000000000010.index")
        try (Data(contentsOf: index) + Data(count: 80)).write(to: index)
        let log = try StorageFile(path: copy.appendingPathComponent("00000000000000000010.log").path)
        let result = try IndexVerifier.verifyOffsetIndex(try StorageFile(path: index.path), log: log, baseOffset: 10)
        #expect(result.slots == 13 && result.entries == 3)
        #expect(result.isHealthy, "\(result)")
    }

    @Test func tornAndLyingSegmentsAreFaultsNotCrashes() throws {
        let copy = try Self.copy(of: sample)
        defer { try? FileManager.default.removeItem(at: copy) }
        let torn = copy.appendingPathComponent("00000000000000000033.log")
        let bytes = try Data(contentsOf: torn)
        try bytes.prefix(bytes.count - 10).write(to: torn)
        let lying = copy.appendingPathComponent("00000000000000000000.log")
        var legacy = [UInt8](try Data(contentsOf: lying))
        legacy[8] = 0x7f  // the first message's size: 2 GiB
        try Data(legacy).write(to: lying)
        let messages = try DirectoryInspection(path: copy.path, decodeRecords: true).faults.map(\.fault.description)
        #expect(messages.contains { $0.hasPrefix("00000000000000000033.log: truncated entry at position ") }, "\(messages)")
        #expect(messages.contains { $0 == "00000000000000000000.log: invalid entry size 2130706486 at position 0" }, "\(messages)")
    }

    /// The committed sample is what the script writes: every file present with the same size,
    /// identical bytes except the segments holding gzip members (their header carries the time
    /// of writing), and the same inspection.
    @Test func sampleScriptReproducesTheCommittedDirectory() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try PythonHelper.run(script: "storage_make_samples.py", arguments: [output.path])
        let withGzip: Set<String> = ["orders-0/00000000000000000000.log", "orders-0/00000000000000000033.log"]
        let files = try FileManager.default.subpathsOfDirectory(atPath: sample).filter { !$0.hasSuffix("-0") }.sorted()
        #expect(try FileManager.default.subpathsOfDirectory(atPath: output.path).filter { !$0.hasSuffix("-0") }.sorted() == files)
        for file in files {
            let committed = try Data(contentsOf: URL(fileURLWithPath: sample + "/" + file))
            let written = try Data(contentsOf: output.appendingPathComponent(file))
            #expect(committed.count == written.count, "\(file)")
            if !withGzip.contains(file) { #expect(committed == written, "\(file)") }
        }
        let again = try DirectoryInspection(path: output.path, decodeRecords: true)
        let report = DirectoryInspectionReport.document(try DirectoryInspection(path: sample, decodeRecords: true))
        var reproduced = DirectoryInspectionReport.document(again)
        reproduced.parameters = report.parameters
        #expect(reproduced == report)
        #expect(again.faults.isEmpty)
    }
}
