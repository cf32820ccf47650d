import Foundation
import KafkaRecords
@testable import KBenchReports
@testable import KBenchStudies
import KBenchTerminal
import TestSupport
import Testing

/// `kbench inspect dir`'s consumer groups: the sample's `__consumer_offsets-0`, and a partition
/// written here with a deleted group, a re-committed offset and a hostile group id.
@Suite("inspect dir: consumer groups from __consumer_offsets")
struct ConsumerGroupsTests {
    static let sample = Repository.file("results/samples/kafka-logs").path

    @Test("the sample: group billing, its latest commits (partition 1's deleted by a tombstone), generation, protocol and member")
    func sampleGroup() throws {
        let inspection = try DirectoryInspection(path: Self.sample, decodeRecords: false)
        #expect(inspection.partitions.last?.consumerGroups == nil, "orders-0 is not an offsets partition")
        let collector = try #require(inspection.partitions.first?.consumerGroups)
        #expect(collector.undecodable == 0 && collector.otherRecords == 0)
        #expect(collector.groups.map(\.id) == ["billing"])
        let billing = try #require(collector.groups.first)
        #expect(billing.deletedAt == nil)
        #expect(billing.offsets.map { "\($0.topic)-\($0.partition)@\($0.offset ?? -1)" } == ["orders-0@24", "orders-1@0"])
        #expect(billing.offsets.map(\.deletedAt) == [nil, 3])
        #expect(billing.offsets.first?.leaderEpoch == 2 && billing.offsets.first?.metadata == "")
        let metadata = try #require(billing.metadata)
        #expect(metadata.protocolType == "consumer" && metadata.generation == 5 && metadata.protocol == "range")
        #expect(metadata.leader == "consumer-billing-1-4c1f")
        #expect(metadata.members.map(\.clientId) == ["consumer-billing-1"] && metadata.members.first?.clientHost == "/10.0.0.7")
        #expect(metadata.members.first?.groupInstanceId == nil)

        let document = DirectoryInspectionReport.document(inspection)
        let section = try #require(document.sections.first { $0.id == "consumer-groups" })
        #expect(section.tables.map(\.id) == ["consumer-groups", "committed-offsets", "group-members"])
        let groups = section.tables[0]
        #expect(groups.values(column: "state").compactMap(\.textValue) == ["live"])
        #expect(groups.values(column: "generation") == [.integer(5)])
        #expect(groups.values(column: "committed") == [.integer(1)] && groups.values(column: "deleted") == [.integer(1)])
        #expect(section.tables[1].values(column: "state").compactMap(\.textValue) == ["committed", "deleted (tombstone at offset 3)"])
        #expect(section.tables[2].values(column: "leader").compactMap(\.textValue) == ["yes"])
    }

    @Test("a directory without __consumer_offsets has no consumer-groups section")
    func noOffsetsTopic() throws {
        let inspection = try DirectoryInspection(path: Self.sample + "/orders-0", decodeRecords: false)
        #expect(!DirectoryInspectionReport.document(inspection).sections.contains { $0.id == "consumer-groups" })
    }

    // MARK: a partition written here

    /// A protocol string: int16 length, UTF-8 bytes.
    static func string(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        return int16(Int16(bytes.count)) + bytes
    }

    static func int16(_ value: Int16) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
    static func int32(_ value: Int32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
    static func int64(_ value: Int64) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }

    /// `OffsetCommitKey` (type 1).
    static func commitKey(_ group: String, _ topic: String, _ partition: Int32) -> [UInt8] {
        int16(1) + string(group) + string(topic) + int32(partition)
    }

    /// `OffsetCommitValue` v3.
    static func commitValue(_ offset: Int64, at time: Int64) -> [UInt8] {
        int16(3) + int64(offset) + int32(-1) + string("m") + int64(time)
    }

    /// `GroupMetadataKey` (type 2).
    static func groupKey(_ group: String) -> [UInt8] { int16(2) + string(group) }

    /// `GroupMetadataValue` v0 with one member and empty subscription and assignment.
    static func groupValue(generation: Int32, leader: String) -> [UInt8] {
        let member = string(leader) + string("client") + string("/10.0.0.9") + int32(10_000) + int32(0) + int32(0)
        return int16(0) + string("consumer") + int32(generation) + string("cooperative-sticky") + string(leader) + int32(1) + member
    }

    /// `__consumer_offsets-3` in a fresh folder: one batch per record list, offsets counting on.
    static func offsetsPartition(_ batches: [[(key: [UInt8], value: [UInt8]?)]]) throws -> (root: URL, partition: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-groups-\(UUID().uuidString)")
        let partition = root.appendingPathComponent("__consumer_offsets-3")
        try FileManager.default.createDirectory(at: partition, withIntermediateDirectories: true)
        var log: [UInt8] = []
        var offset: Int64 = 0
        for records in batches {
            var builder = RecordBatchBuilder(settings: RecordBatchSettings(baseOffset: offset))
            for record in records { try builder.append(key: record.key, value: record.value, timestamp: 1_700_000_000_000) }
            _ = try builder.finish()
            log += builder.bytes
            offset += Int64(records.count)
        }
        try Data(log).write(to: partition.appendingPathComponent("00000000000000000000.log"))
        return (root, partition.path)
    }

    @Test("log order wins: a deleted group, a commit re-made after its tombstone, an offsets-only group, records of other types counted")
    func deletedAndRecommitted() throws {
        let (root, path) = try Self.offsetsPartition([
            [(Self.commitKey("gone", "t", 0), Self.commitValue(5, at: 1)), (Self.groupKey("gone"), Self.groupValue(generation: 1, leader: "m-1"))],
            [(Self.commitKey("gone", "t", 0), nil), (Self.groupKey("gone"), nil)],
            [(Self.commitKey("manual", "t", 1), Self.commitValue(7, at: 2)), (Self.commitKey("manual", "t", 1), nil),
             (Self.commitKey("manual", "t", 1), Self.commitValue(9, at: 3))],
            [(Self.int16(3) + Self.string("new-protocol"), [0, 0])],
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let inspection = try DirectoryInspection(path: root.path, decodeRecords: true)
        #expect(inspection.faults.isEmpty, "\(inspection.faults.map(\.fault.description))")
        let collector = try #require(inspection.partitions.first?.consumerGroups)
        #expect(inspection.partitions.first?.name == URL(fileURLWithPath: path).lastPathComponent)
        #expect(collector.groups.map(\.id) == ["gone", "manual"])
        #expect(collector.otherRecords == 1 && collector.undecodable == 0)
        let gone = collector.groups[0], manual = collector.groups[1]
        #expect(gone.deletedAt == 3 && gone.metadata == nil)
        #expect(gone.offsets.map(\.deletedAt) == [2] && gone.offsets.first?.offset == 5)
        #expect(manual.offsets.map(\.offset) == [9] && manual.offsets.map(\.deletedAt) == [nil] && manual.offsets.first?.recordOffset == 6)
        let table = try #require(DirectoryInspectionReport.document(inspection).sections.first { $0.id == "consumer-groups" }?.tables.first)
        #expect(table.values(column: "state").compactMap(\.textValue) == ["deleted (tombstone at offset 3)", "offsets only"])
        #expect(table.values(column: "generation") == [.missing, .missing])
    }

    @Test("a group id and topic from disk are untrusted: escaped on terminals in every format, kept exact in JSON", arguments: ReportFormat.allCases)
    func hostileNames(format: ReportFormat) throws {
        let hostile = "evil\u{1B}[31m\ngroup"
        let (root, _) = try Self.offsetsPartition([[(Self.commitKey(hostile, "t\u{07}", 0), Self.commitValue(1, at: 1))]])
        defer { try? FileManager.default.removeItem(at: root) }
        let inspection = try DirectoryInspection(path: root.path, decodeRecords: false)
        #expect(inspection.partitions.first?.consumerGroups?.groups.map(\.id) == [hostile])
        let document = DirectoryInspectionReport.document(inspection)
        let rendered = try format.render(document)
        #expect(!rendered.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" }, "no raw control reaches the output")
        if format == .json {
            #expect(rendered.contains(#"evil\u001b[31m\ngroup"#), "JSON keeps the exact id")
        } else {
            #expect(TerminalText.escaped(rendered, allowing: format == .csv ? TerminalText.AllowedControls.multiLine.union(.carriageReturn) : .multiLine) == rendered)
            #expect(rendered.contains("evil") && rendered.contains("x1b"), "the ESC shown escaped")
        }
    }
}
