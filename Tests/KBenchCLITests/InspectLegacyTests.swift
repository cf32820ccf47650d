import Foundation
import Testing
import TestSupport

/// `kbench inspect segment` on legacy (magic 0/1) and mixed segments, transaction markers and the
/// internal-topic decoders; hostile copies give one-line errors and exit 1.
@Suite("kbench inspect segment: legacy formats, control records, internal topics")
struct InspectLegacyTests {
    static let mixed = Repository.file("results/samples/legacy/mixed.log").path

    @Test("the committed mixed segment: legacy lines, wrapper inner messages, v2 batches, markers; exit 0")
    func mixedSegment() throws {
        let result = try KBenchExecutable.run(["inspect", "segment", Self.mixed, "--print-data-log"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.isEmpty, "no offset gaps")
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 1 + 11 + 17)
        #expect(lines[1] == "offset: 0 position: 0 NoTimestampType: -1 size: 55 magic: 0 compresscodec: none crc: 4092621080 isvalid: true")
        #expect(lines[2] == #"| offset: 0 NoTimestampType: -1 keySize: 3 valueSize: 26 isValid: true crc: 4092621080} key: k-0 payload: {"n":0,"text":"message 0"}"#)
        #expect(lines[7].hasPrefix("offset: 6 position: 165 CreateTime: 1700000000060 size: 166 magic: 1 compresscodec: gzip crc: "))
        #expect(lines[8] == #"| offset: 3 CreateTime: 1700000000030 keySize: -1 valueSize: 26 isValid: true crc: 392638494} payload: {"n":3,"text":"message 3"}"#)
        #expect(lines.contains("| offset: 14 CreateTime: 1700000000500 keySize: 4 valueSize: 6 sequence: -1 headerKeys: [] endTxnMarker: COMMIT coordinatorEpoch: 5"))
        #expect(lines.contains("| offset: 16 CreateTime: 1700000000600 keySize: 4 valueSize: 6 sequence: -1 headerKeys: [] endTxnMarker: ABORT coordinatorEpoch: 5"))
        #expect(lines.filter { $0.contains("isTransactional: true isControl: true") }.count == 2)
    }

    @Test("hostile legacy copies: bad CRC-32, truncated entry, lying key length — one line, exit 1")
    func hostileCopies() throws {
        let crc = try InspectBatchTests.damagedCopy(of: Self.mixed, patches: [90: 0x41], name: "legacy-crc.log")
        let truncated = try InspectBatchTests.damagedCopy(of: Self.mixed, length: 100, name: "legacy-cut.log")
        let lying = try InspectBatchTests.damagedCopy(of: Self.mixed, patches: [73: 0x7F], name: "legacy-key.log")
        defer { for path in [crc, truncated, lying] { try? FileManager.default.removeItem(atPath: path) } }

        let bad = try KBenchExecutable.run(["inspect", "segment", crc])
        #expect(bad.status == 1)
        #expect(bad.out.split(separator: "\n")[2].hasSuffix("isvalid: false"))
        #expect(bad.err == "kbench: \(crc): CRC-32 mismatch in 1 legacy message, first at position 55 (see isvalid: false)\n")

        let cut = try KBenchExecutable.run(["inspect", "segment", truncated])
        #expect(cut.status == 1)
        #expect(cut.err == "kbench: \(truncated): invalid batch at position 55: size at byte 63: truncated: needs 43 bytes, 33 left\n")

        let key = try KBenchExecutable.run(["inspect", "segment", lying, "--deep-iteration"])
        #expect(key.status == 1)
        #expect(key.err == "kbench: \(lying): invalid batch at position 55: key at byte 73: length 2130706435 exceeds the 33 bytes available\n")
    }

    @Test("--offsets-decoder and --transaction-log-decoder on kafka-python-written internal-topic batches")
    func internalTopicDecoders() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-internal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try PythonHelper.run(script: "records_legacy.py", arguments: [directory.path])
        let offsetsPath = directory.appendingPathComponent("consumer-offsets.log").path
        let offsets = try KBenchExecutable.run(["inspect", "segment", offsetsPath, "--offsets-decoder"])
        #expect(offsets.status == 1, "one record of an unknown value version")
        #expect(offsets.err == "kbench: \(offsetsPath): 1 record could not be decoded, first at offset 3 (see Error at offset)\n")
        let lines = offsets.out.split(separator: "\n").map(String.init)
        #expect(lines[2].hasSuffix(#"key: {"type":"1","data":{"group":"billing","topic":"orders","partition":2}} payload: {"version":"3","data":{"offset":1234,"leaderEpoch":5,"metadata":"","commitTimestamp":1700000000000}}"#))
        #expect(lines[3].hasSuffix(" payload: <DELETE>"))
        #expect(lines[4].hasSuffix(#"payload: {"version":"2","data":{"protocolType":"consumer","generation":3,"protocol":"range","leader":"m-1","currentStateTimestamp":1700000000001,"members":[{"memberId":"m-1","clientId":"app","clientHost":"/10.0.0.1","rebalanceTimeout":30000,"sessionTimeout":10000,"subscription":"","assignment":""}]}}"#))
        #expect(lines[5].hasSuffix("key: Error at offset 3, skipping. Could not read record with version 5 from value's buffer due to: Can't read version 5 of OffsetCommitValue."))

        let transactions = try KBenchExecutable.run(["inspect", "segment", directory.appendingPathComponent("transaction-state.log").path, "--transaction-log-decoder"])
        #expect(transactions.status == 0, "\(transactions.err)")
        #expect(transactions.out.contains("key: transaction_metadata::transactionalId=payments-1 payload: producerId:4000,producerEpoch:2,state=Ongoing,partitions=[orders-0,orders-1],txnLastUpdateTimestamp=1700000000050,txnTimeoutMs=60000\n"))
        #expect(transactions.out.contains("key: transaction_metadata::transactionalId=payments-1 payload: <DELETE>\n"))

        let both = try KBenchExecutable.run(["inspect", "segment", offsetsPath, "--offsets-decoder", "--transaction-log-decoder"])
        #expect(both.status != 0)
        #expect(both.err.contains("--offsets-decoder and --transaction-log-decoder cannot be combined"))
    }
}
