import Foundation
import Testing
import TestSupport
@testable import KafkaRecords

/// Legacy (magic 0/1) segments, mixed segments and control batches written by kafka-python
/// 3.0.12 (Tests/python/records_legacy.py) and read back by both kafka-python and kbench.
@Suite("Legacy messages and control batches from kafka-python")
struct LegacyKafkaPythonTests {
    struct ExpectedRecord: Decodable {
        var offset: Int64
        var timestamp: Int64?
        var key: String?
        var value: String?
        var crc: UInt32?
    }

    struct ExpectedEntry: Decodable {
        var position: Int
        var magic: Int8
        var size: Int
        var records: [ExpectedRecord]
    }

    /// The files the script wrote and what kafka-python read from each.
    static func samples() throws -> (URL, [String: [ExpectedEntry]]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-legacy-\(UUID().uuidString)")
        let output = try PythonHelper.run(script: "records_legacy.py", arguments: [directory.path])
        return (directory, try JSONDecoder().decode([String: [ExpectedEntry]].self, from: output))
    }

    /// Entries and records as kbench reads them, in kafka-python's shape.
    static func read(_ bytes: [UInt8]) throws -> [(position: Int, magic: Int8, size: Int, records: [(offset: Int64, timestamp: Int64, key: [UInt8]?, value: [UInt8]?, crc: UInt32?)])] {
        var reader = LogSegmentReader(bytes, crcCheck: .strict)
        var decompressor = RecordBatchDecompressor()
        var entries: [(position: Int, magic: Int8, size: Int, records: [(offset: Int64, timestamp: Int64, key: [UInt8]?, value: [UInt8]?, crc: UInt32?)])] = []
        while let entry = try reader.nextEntry() {
            switch entry {
            case .legacy(let frame):
                var records = try decompressor.records(of: frame)
                var read: [(offset: Int64, timestamp: Int64, key: [UInt8]?, value: [UInt8]?, crc: UInt32?)] = []
                while let view = try records.next() {
                    #expect(view.message.isValid)
                    read.append((view.offset, view.timestamp, view.message.key.map { Array(records.storage[$0]) }, view.message.value.map { Array(records.storage[$0]) }, view.message.crc))
                }
                entries.append((frame.position, frame.message.magic, frame.message.sizeInBytes, read))
            case .batch(let frame):
                var records = try decompressor.records(of: frame)
                var read: [(offset: Int64, timestamp: Int64, key: [UInt8]?, value: [UInt8]?, crc: UInt32?)] = []
                while let record = try records.next() {
                    read.append((record.offset, record.timestamp, record.key, record.value, nil))
                }
                entries.append((frame.position, frame.header.magic, frame.header.sizeInBytes, read))
            }
        }
        return entries
    }

    @Test("every file reads as kafka-python reads it: positions, magic, offsets, timestamps, keys, values, CRCs")
    func agreesWithKafkaPython() throws {
        let (directory, expected) = try Self.samples()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(expected.count == 12)
        for (name, entries) in expected {
            let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
            let ours = try Self.read(bytes)
            #expect(ours.count == entries.count, "\(name)")
            for (entry, theirs) in zip(ours, entries) {
                #expect(entry.position == theirs.position && entry.magic == theirs.magic && entry.size == theirs.size, "\(name) at \(theirs.position)")
                #expect(entry.records.count == theirs.records.count, "\(name) at \(theirs.position)")
                for (record, their) in zip(entry.records, theirs.records) {
                    #expect(record.offset == their.offset, "\(name)")
                    #expect(record.timestamp == (their.timestamp ?? -1), "\(name) offset \(their.offset)")
                    #expect(record.key == their.key.map { [UInt8](hex: $0) }, "\(name) offset \(their.offset)")
                    #expect(record.value == their.value.map { [UInt8](hex: $0) }, "\(name) offset \(their.offset)")
                    #expect(record.crc == their.crc, "\(name) offset \(their.offset)")
                }
            }
        }
    }

    @Test("the mixed segment dumps as kafka-dump-log: legacy lines, v2 lines, transaction markers, no gaps")
    func mixedSegmentDump() throws {
        let (directory, _) = try Self.samples()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent("mixed.log")))
        var lines: [String] = []
        let summary = LogDump.dump(bytes, fileName: "00000000000000000000.log", options: LogDumpOptions(printDataLog: true)) { lines.append($0) }
        #expect(summary.failure == nil)
        #expect(summary.nonConsecutiveOffsets.isEmpty)
        #expect(summary.records == 17)
        #expect(summary.batches == 11)
        #expect(lines[1].hasPrefix("offset: 0 position: 0 NoTimestampType: -1 size: 55 magic: 0 compresscodec: none crc: "))
        #expect(lines[2].hasPrefix("| offset: 0 NoTimestampType: -1 keySize: 3 valueSize: 26 isValid: true crc: "))
        #expect(lines[2].hasSuffix("} key: k-0 payload: {\"n\":0,\"text\":\"message 0\"}"))
        #expect(lines[7].hasPrefix("offset: 6 position: 165 CreateTime: 1700000000060 size: 166 magic: 1 compresscodec: gzip crc: "))
        #expect(lines[8].hasPrefix("| offset: 3 CreateTime: 1700000000030 keySize: -1 valueSize: 26 isValid: true crc: "))
        #expect(lines[11].hasSuffix("} key: k-6"), "a null value prints no payload")
        let markers = lines.filter { $0.contains("endTxnMarker") }
        #expect(markers.count == 2)
        #expect(markers[0] == "| offset: 14 CreateTime: 1700000000500 keySize: 4 valueSize: 6 sequence: -1 headerKeys: [] endTxnMarker: COMMIT coordinatorEpoch: 5")
        #expect(markers[1].hasSuffix("endTxnMarker: ABORT coordinatorEpoch: 5"))
        let controlBatches = lines.filter { $0.contains("isTransactional: true isControl: true") }
        #expect(controlBatches.count == 2)
        #expect(lines.filter { $0.contains("isTransactional: true isControl: false") }.count == 2)
    }
}
