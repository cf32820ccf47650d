import Testing
@testable import KafkaRecords

/// `--offsets-decoder` and `--transaction-log-decoder`: records encoded by hand from Apache
/// Kafka's schemas (group-coordinator/…/OffsetCommitKey/Value.json, GroupMetadataKey/Value.json,
/// clients/…/ConsumerProtocolSubscription/Assignment.json, transaction-coordinator/…/
/// TransactionLogKey/Value.json), expected text from DumpLogSegmentsTest and TransactionLog.
@Suite("Internal topic decoders")
struct InternalTopicDecoderTests {
    /// A protocol message writer: classic (int16 strings, int32 bytes/arrays) or flexible
    /// (compact lengths, an empty tagged-field section where ``tags()`` is called).
    struct Writer {
        var bytes: [UInt8] = []
        var flexible = false

        mutating func int8(_ v: Int8) { bytes.append(UInt8(bitPattern: v)) }
        mutating func int16(_ v: Int16) { bytes += LegacyFixtures.bigEndian(v) }
        mutating func int32(_ v: Int32) { bytes += LegacyFixtures.bigEndian(v) }
        mutating func int64(_ v: Int64) { bytes += LegacyFixtures.bigEndian(v) }
        mutating func uvarint(_ v: UInt32) {
            var v = v
            while v >= 0x80 { bytes.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
            bytes.append(UInt8(v))
        }
        mutating func length(_ n: Int?, wide: Bool) {
            if flexible { uvarint(UInt32((n ?? -1) + 1)) } else if wide { int32(Int32(n ?? -1)) } else { int16(Int16(n ?? -1)) }
        }
        mutating func string(_ s: String?) {
            length(s.map { $0.utf8.count }, wide: false)
            if let s { bytes += s.utf8 }
        }
        mutating func data(_ d: [UInt8]?) {
            length(d?.count, wide: true)
            if let d { bytes += d }
        }
        mutating func count(_ n: Int?) { length(n, wide: true) }
        mutating func tags(_ fields: [(UInt32, [UInt8])] = []) {
            guard flexible else { return }
            uvarint(UInt32(fields.count))
            for (tag, data) in fields { uvarint(tag); uvarint(UInt32(data.count)); bytes += data }
        }
    }

    static func offsets(_ key: [UInt8]?, _ value: [UInt8]?, offset: Int64 = 0) -> DecodedRecordData {
        withBuffers(key, value) { ConsumerOffsetsDecoder.decode(key: $0, value: $1, offset: offset) }
    }

    static func transactions(_ key: [UInt8]?, _ value: [UInt8]?, offset: Int64 = 0) -> DecodedRecordData {
        withBuffers(key, value) { TransactionLogDecoder.decode(key: $0, value: $1, offset: offset) }
    }

    static func withBuffers<R>(_ key: [UInt8]?, _ value: [UInt8]?, _ body: (UnsafeRawBufferPointer?, UnsafeRawBufferPointer?) -> R) -> R {
        let k = key ?? [], v = value ?? []
        return k.withUnsafeBytes { kb in v.withUnsafeBytes { vb in body(key == nil ? nil : kb, value == nil ? nil : vb) } }
    }

    static func offsetCommitKey(type: Int16 = 1) -> [UInt8] {
        var w = Writer()
        w.int16(type); w.string("group"); w.string("orders"); w.int32(3)
        return w.bytes
    }

    static func offsetCommitValue(version: Int16) -> [UInt8] {
        var w = Writer(flexible: version >= 4)
        w.int16(version); w.int64(42)
        if version >= 3 { w.int32(7) }
        w.string("meta\"data"); w.int64(1_700_000_000_000)
        if version == 1 { w.int64(1_700_000_600_000) }
        w.tags([(9, [1, 2])])
        return w.bytes
    }

    @Test("OffsetCommitKey v0/v1 and OffsetCommitValue v0–v4 (v4 flexible, unknown tags skipped)", arguments: Array(Int16(0)...4))
    func offsetCommit(version: Int16) {
        let decoded = Self.offsets(Self.offsetCommitKey(), Self.offsetCommitValue(version: version))
        #expect(decoded.key == #"{"type":"1","data":{"group":"group","topic":"orders","partition":3}}"#)
        let fields = switch version {
        case 0, 2: #""offset":42,"metadata":"meta\"data","commitTimestamp":1700000000000"#
        case 1: #""offset":42,"metadata":"meta\"data","commitTimestamp":1700000000000,"expireTimestamp":1700000600000"#
        default: #""offset":42,"leaderEpoch":7,"metadata":"meta\"data","commitTimestamp":1700000000000"#
        }
        #expect(decoded.payload == #"{"version":"\#(version)","data":{"# + fields + "}}")
        #expect(!decoded.isError)
    }

    /// Kafka's DumpLogSegmentsTest vector: a `consumer` group's GroupMetadataValue v4 with the
    /// subscription (v3) and assignment (v3) decoded.
    @Test("GroupMetadataValue v4 with a consumer-protocol member: Kafka's DumpLogSegmentsTest output")
    func groupMetadataKafkaVector() {
        var subscription = Writer()
        subscription.int16(3); subscription.count(1); subscription.string("foo"); subscription.data(nil)
        subscription.count(1); subscription.string("foo"); subscription.count(1); subscription.int32(0)
        subscription.int32(0); subscription.string("rack")
        var assignment = Writer()
        assignment.int16(3); assignment.count(1); assignment.string("foo"); assignment.count(1); assignment.int32(0); assignment.data(nil)
        var key = Writer()
        key.int16(2); key.string("group")
        var value = Writer(flexible: true)
        value.int16(4); value.string("consumer"); value.int32(10); value.string("range"); value.string("member"); value.int64(-1)
        value.count(1); value.string("member"); value.string("instance"); value.string("client"); value.string("host")
        value.int32(1000); value.int32(100); value.data(subscription.bytes); value.data(assignment.bytes); value.tags()
        value.tags()
        let decoded = Self.offsets(key.bytes, value.bytes)
        #expect(decoded.key == #"{"type":"2","data":{"group":"group"}}"#)
        #expect(decoded.payload == #"{"version":"4","data":{"protocolType":"consumer","generation":10,"protocol":"range","#
            + #""leader":"member","currentStateTimestamp":-1,"members":[{"memberId":"member","#
            + #""groupInstanceId":"instance","clientId":"client","clientHost":"host","#
            + #""rebalanceTimeout":1000,"sessionTimeout":100,"subscription":{"topics":["foo"],"#
            + #""userData":null,"ownedPartitions":[{"topic":"foo","partitions":[0]}],"#
            + #""generationId":0,"rackId":"rack"},"assignment":{"assignedPartitions":"#
            + #"[{"topic":"foo","partitions":[0]}],"userData":null}}]}}"#)
    }

    @Test("GroupMetadataValue v0–v3: fields by version; unparsable consumer bytes stay Base64 (Kafka's vector)", arguments: Array(Int16(0)...3))
    func groupMetadataVersions(version: Int16) {
        var key = Writer()
        key.int16(2); key.string("g")
        var value = Writer()
        value.int16(version); value.string("consumer"); value.int32(1); value.string(nil); value.string(nil)
        if version >= 2 { value.int64(5) }
        value.count(1); value.string("m")
        if version >= 3 { value.string(nil) }
        value.string("c"); value.string("h")
        if version >= 1 { value.int32(9) }
        value.int32(8); value.data(Array("Subscription".utf8)); value.data(Array("Assignment".utf8))
        let decoded = Self.offsets(key.bytes, value.bytes)
        var member = #"{"memberId":"m","#
        if version >= 3 { member += #""groupInstanceId":null,"# }
        member += #""clientId":"c","clientHost":"h","#
        if version >= 1 { member += #""rebalanceTimeout":9,"# }
        member += #""sessionTimeout":8,"subscription":"U3Vic2NyaXB0aW9u","assignment":"QXNzaWdubWVudA=="}"#
        let timestamp = version >= 2 ? #""currentStateTimestamp":5,"# : ""
        #expect(decoded.payload == #"{"version":"\#(version)","data":{"protocolType":"consumer","generation":1,"protocol":null,"leader":null,"# + timestamp + #""members":["# + member + "]}}")
    }

    @Test("tombstones, unknown and undecoded record types, Kafka's error wording")
    func offsetsEdgeCases() {
        #expect(Self.offsets(Self.offsetCommitKey(), nil) == DecodedRecordData(key: #"{"type":"1","data":{"group":"group","topic":"orders","partition":3}}"#, payload: "<DELETE>"))
        #expect(Self.offsets([0x7F, 0xFF, 0], nil, offset: 9).key == "Unknown record type 32767 at offset 9, skipping.")
        #expect(Self.offsets([0, 3, 0, 0], nil, offset: 9).key == "Record type 3 (ConsumerGroupMetadata) at offset 9 is not decoded by kbench, skipping.")
        #expect(Self.offsets(nil, nil, offset: 4) == DecodedRecordData(key: "Failed to decode message at offset 4 using offset topic decoder (message had a missing key)", payload: nil, isError: true))
        #expect(Self.offsets([0], nil, offset: 4).key == "Error at offset 4, skipping. Could not read version from key's buffer.")
        var v5 = Self.offsetCommitValue(version: 4)
        v5[1] = 5
        #expect(Self.offsets(Self.offsetCommitKey(), v5, offset: 2) == .error(at: 2, "Could not read record with version 5 from value's buffer due to: Can't read version 5 of OffsetCommitValue."))
        let truncated = Self.offsets(Array(Self.offsetCommitKey().dropLast(2)), nil)
        #expect(truncated.isError)
        #expect(truncated.key == "Error at offset 0, skipping. Could not read record with version 1 from key's buffer due to: partition at byte 17: truncated: needs 4 bytes, 2 left.")
        var lying = Writer()
        lying.int16(2); lying.int16(30_000); lying.bytes += Array("g".utf8)
        #expect(Self.offsets(lying.bytes, nil).key?.contains("group at byte 2: length 30000 exceeds the 1 bytes available") == true)
        var hugeMembers = Writer()
        hugeMembers.int16(0); hugeMembers.string("consumer"); hugeMembers.int32(1); hugeMembers.string(nil); hugeMembers.string(nil); hugeMembers.count(Int.max >> 34)
        #expect(Self.offsets([0, 2, 0, 1, 0x67], hugeMembers.bytes).key?.contains("members at byte") == true)
    }

    static func transactionValue(version: Int16, status: Int8, partitions: [(String, [Int32])]?) -> [UInt8] {
        var w = Writer(flexible: version >= 1)
        w.int16(version); w.int64(3000); w.int16(4); w.int32(60_000); w.int8(status)
        w.count(partitions?.count)
        for (topic, ids) in partitions ?? [] {
            w.string(topic); w.count(ids.count)
            for id in ids { w.int32(id) }
            w.tags()
        }
        w.int64(1_700_000_000_500); w.int64(1_700_000_000_000)
        w.tags([(0, LegacyFixtures.bigEndian(Int64(2999))), (2, LegacyFixtures.bigEndian(Int16(2)))])
        return w.bytes
    }

    @Test("TransactionLogKey v0 and TransactionLogValue v0/v1 in TransactionLog.formatRecordKeyAndValue's text", arguments: [Int16(0), 1])
    func transactionLog(version: Int16) {
        var key = Writer()
        key.int16(0); key.string("txn-1")
        let ongoing = Self.transactions(key.bytes, Self.transactionValue(version: version, status: 1, partitions: [("orders", [0, 2]), ("audit", [1])]))
        #expect(ongoing.key == "transaction_metadata::transactionalId=txn-1")
        #expect(ongoing.payload == "producerId:3000,producerEpoch:4,state=Ongoing,partitions=[orders-0,orders-2,audit-1],txnLastUpdateTimestamp=1700000000500,txnTimeoutMs=60000")
        let empty = Self.transactions(key.bytes, Self.transactionValue(version: version, status: 0, partitions: nil))
        #expect(empty.payload == "producerId:3000,producerEpoch:4,state=Empty,partitions=[],txnLastUpdateTimestamp=1700000000500,txnTimeoutMs=60000")
        #expect(Self.transactions(key.bytes, nil).payload == "<DELETE>")
    }

    @Test("transaction log: unknown key version, bad state, bad value version, truncation")
    func transactionLogEdgeCases() {
        #expect(Self.transactions([0, 1, 0, 0], nil) == DecodedRecordData(key: "unknown::version=1", payload: nil))
        var key = Writer()
        key.int16(0); key.string("t")
        #expect(Self.transactions(key.bytes, Self.transactionValue(version: 0, status: 9, partitions: [])).key == "Error at offset 0, skipping. Unknown transaction state id 9 from the transaction status message")
        #expect(Self.transactions(key.bytes, [0, 2, 0], offset: 3).key == "Error at offset 3, skipping. Unknown version 2 from the transaction log message value")
        let cut = Array(Self.transactionValue(version: 1, status: 1, partitions: [("a", [1])]).dropLast(20))
        #expect(Self.transactions(key.bytes, cut).isError)
    }
}
