/// `GroupMetadataValue` v0–v4 as JSON fields, with the consumer protocol's subscription and
/// assignment decoded for `consumer` groups (`DumpLogSegments.prepareGroupMetadataValue`).
enum GroupMetadataValueReader {
    static func read(_ reader: inout ProtocolReader, version: Int16, into json: inout JSONText) throws(RecordBatchError) {
        json.openObject()
        json.key("protocolType")
        let protocolType = try reader.string("protocolType")
        json.string(protocolType)
        json.key("generation")
        json.number(try reader.int32("generation"))
        json.key("protocol")
        json.string(try reader.nullableString("protocol"))
        json.key("leader")
        json.string(try reader.nullableString("leader"))
        if version >= 2 {
            json.key("currentStateTimestamp")
            json.number(try reader.int64("currentStateTimestamp"))
        }
        json.key("members")
        json.openArray()
        let count = try reader.count("members")
        for index in 0..<count {
            try readMember(&reader, index: index, version: version, decodesConsumerProtocol: protocolType == "consumer", into: &json)
        }
        json.closeArray()
        try reader.taggedFields("GroupMetadataValue")
        json.closeObject()
    }

    private static func readMember(_ reader: inout ProtocolReader, index: Int, version: Int16, decodesConsumerProtocol: Bool, into json: inout JSONText) throws(RecordBatchError) {
        let field = "members[\(index)]"
        json.openObject()
        json.key("memberId")
        json.string(try reader.string(field + ".memberId"))
        if version >= 3 {
            json.key("groupInstanceId")
            json.string(try reader.nullableString(field + ".groupInstanceId"))
        }
        json.key("clientId")
        json.string(try reader.string(field + ".clientId"))
        json.key("clientHost")
        json.string(try reader.string(field + ".clientHost"))
        if version >= 1 {
            json.key("rebalanceTimeout")
            json.number(try reader.int32(field + ".rebalanceTimeout"))
        }
        json.key("sessionTimeout")
        json.number(try reader.int32(field + ".sessionTimeout"))
        let subscription = UnsafeRawBufferPointer(rebasing: reader.bytes[try reader.bytes(field + ".subscription")])
        let assignment = UnsafeRawBufferPointer(rebasing: reader.bytes[try reader.bytes(field + ".assignment")])
        writeConsumerProtocol("subscription", subscription, decoding: decodesConsumerProtocol, with: ConsumerProtocolReader.subscription, into: &json)
        writeConsumerProtocol("assignment", assignment, decoding: decodesConsumerProtocol, with: ConsumerProtocolReader.assignment, into: &json)
        try reader.taggedFields(field)
        json.closeObject()
    }

    /// A member's subscription or assignment: the consumer protocol's JSON when `decoding` and
    /// `decode` parses the bytes, else the bytes in Base64 as Kafka prints them.
    private static func writeConsumerProtocol(
        _ name: String, _ bytes: UnsafeRawBufferPointer, decoding: Bool,
        with decode: (UnsafeRawBufferPointer) -> String?, into json: inout JSONText
    ) {
        json.key(name)
        if decoding, let decoded = decode(bytes) {
            json.raw(decoded)
        } else {
            json.base64(bytes)
        }
    }
}

/// The consumer protocol's `ConsumerProtocolSubscription` and `ConsumerProtocolAssignment`
/// (clients/src/main/resources/common/message/, v0–v3, never flexible): `version int16` then the
/// message; nil when the bytes do not parse (Kafka then keeps the Base64 bytes).
enum ConsumerProtocolReader {
    /// `{"topics":[…],"userData":…,"ownedPartitions":[…] (v1+),"generationId":N (v2+),"rackId":… (v3+)}`.
    static func subscription(_ bytes: UnsafeRawBufferPointer) -> String? {
        versioned(bytes) { (reader, version, json) throws(RecordBatchError) in
            json.key("topics")
            json.openArray()
            for index in 0..<(try reader.count("topics", elementSize: 2)) {
                json.string(try reader.string("topics[\(index)]"))
            }
            json.closeArray()
            json.key("userData")
            json.base64(try reader.nullableBytes("userData").map { UnsafeRawBufferPointer(rebasing: bytes[$0]) })
            if version >= 1 {
                json.key("ownedPartitions")
                try topicPartitions(&reader, "ownedPartitions", into: &json)
            }
            if version >= 2 {
                json.key("generationId")
                json.number(try reader.int32("generationId"))
            }
            if version >= 3 {
                json.key("rackId")
                json.string(try reader.nullableString("rackId"))
            }
        }
    }

    /// `{"assignedPartitions":[{"topic":…,"partitions":[…]}],"userData":…}`.
    static func assignment(_ bytes: UnsafeRawBufferPointer) -> String? {
        versioned(bytes) { (reader, _, json) throws(RecordBatchError) in
            json.key("assignedPartitions")
            try topicPartitions(&reader, "assignedPartitions", into: &json)
            json.key("userData")
            json.base64(try reader.nullableBytes("userData").map { UnsafeRawBufferPointer(rebasing: bytes[$0]) })
        }
    }

    /// `version int16` (0–3), then `fields` written inside one JSON object; nil on any failure.
    private static func versioned(
        _ bytes: UnsafeRawBufferPointer,
        fields: (inout ProtocolReader, Int16, inout JSONText) throws(RecordBatchError) -> Void
    ) -> String? {
        guard bytes.count >= 2 else { return nil }
        let version = Int16(bigEndian: bytes.loadUnaligned(as: Int16.self))
        guard (0...3).contains(version) else { return nil }
        var reader = ProtocolReader(bytes, from: 2, flexible: false)
        var json = JSONText()
        json.openObject()
        do throws(RecordBatchError) {
            try fields(&reader, version, &json)
        } catch {
            return nil
        }
        json.closeObject()
        return json.text
    }

    /// `[{"topic":"t","partitions":[0,1]}, …]` (a non-null array).
    private static func topicPartitions(_ reader: inout ProtocolReader, _ field: String, into json: inout JSONText) throws(RecordBatchError) {
        json.openArray()
        for index in 0..<(try reader.count(field, elementSize: 6)) {
            json.openObject()
            json.key("topic")
            json.string(try reader.string("\(field)[\(index)].topic"))
            json.key("partitions")
            json.openArray()
            for partition in 0..<(try reader.count("\(field)[\(index)].partitions", elementSize: 4)) {
                json.number(try reader.int32("\(field)[\(index)].partitions[\(partition)]"))
            }
            json.closeArray()
            json.closeObject()
        }
        json.closeArray()
    }
}
