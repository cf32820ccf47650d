/// `__consumer_offsets` records as kafka-dump-log's `--offsets-decoder` prints them
/// (`DumpLogSegments.OffsetsMessageParser` over Apache Kafka's `GroupCoordinatorRecordSerde`).
///
/// Key: `type int16` then the key message read at version `type`: 0–1 `OffsetCommitKey`
/// (group, topic, partition), 2 `GroupMetadataKey` (group). Value: `version int16` then
/// `OffsetCommitValue` v0–v4 (offset, v3+ leaderEpoch, metadata, commitTimestamp, v1
/// expireTimestamp; v4 flexible) or `GroupMetadataValue` v0–v4 (protocolType, generation,
/// protocol, leader, v2+ currentStateTimestamp, members: memberId, v3+ groupInstanceId,
/// clientId, clientHost, v1+ rebalanceTimeout, sessionTimeout, subscription, assignment; v4
/// flexible). Schemas: group-coordinator/src/main/resources/common/message/*.json.
///
/// Output, Jackson's compact JSON: key `{"type":"1","data":{"group":"g","topic":"t","partition":0}}`,
/// payload `{"version":"3","data":{…}}` or `<DELETE>` for a tombstone. Members of a `consumer`
/// group have their subscription and assignment decoded (ConsumerProtocolSubscription /
/// Assignment v0–v3) when they parse, else shown as Base64, as Kafka does. Record types 3–15
/// (the KIP-848 consumer and share group records) are named, not decoded.
public enum ConsumerOffsetsDecoder {
    /// Kafka's names of the record types kbench does not decode (3–15).
    static let otherTypes = [
        3: "ConsumerGroupMetadata", 4: "ConsumerGroupPartitionMetadata", 5: "ConsumerGroupMemberMetadata",
        6: "ConsumerGroupTargetAssignmentMetadata", 7: "ConsumerGroupTargetAssignmentMember",
        8: "ConsumerGroupCurrentMemberAssignment", 9: "ShareGroupPartitionMetadata", 10: "ShareGroupMemberMetadata",
        11: "ShareGroupMetadata", 12: "ShareGroupTargetAssignmentMetadata", 13: "ShareGroupTargetAssignmentMember",
        14: "ShareGroupCurrentMemberAssignment", 15: "ShareGroupStatePartitionMetadata",
    ]

    /// The key and payload text of one `__consumer_offsets` record at `offset`.
    public static func decode(key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?, offset: Int64) -> DecodedRecordData {
        guard let key else {
            return DecodedRecordData(key: "Failed to decode message at offset \(offset) using offset topic decoder (message had a missing key)", payload: nil, isError: true)
        }
        guard key.count >= 2 else { return .error(at: offset, MessageReadFailure.noVersion("key").message) }
        let type = Int16(bigEndian: key.loadUnaligned(as: Int16.self))
        guard (0...2).contains(type) else {
            if let name = otherTypes[Int(type)] {
                return DecodedRecordData(key: "Record type \(type) (\(name)) at offset \(offset) is not decoded by kbench, skipping.", payload: nil)
            }
            return DecodedRecordData(key: "Unknown record type \(type) at offset \(offset), skipping.", payload: nil)
        }
        do throws(MessageReadFailure) {
            let keyJSON = try readKey(key, type: type)
            guard let value else { return DecodedRecordData(key: keyJSON, payload: "<DELETE>") }
            return DecodedRecordData(key: keyJSON, payload: try readValue(value, type: type))
        } catch {
            return .error(at: offset, error.message)
        }
    }

    private static func readKey(_ key: UnsafeRawBufferPointer, type: Int16) throws(MessageReadFailure) -> String {
        try envelope("type", type, part: "key") { (json) throws(RecordBatchError) in
            var reader = ProtocolReader(key, from: 2, flexible: false)
            json.openObject()
            json.key("group")
            json.string(try reader.string("group"))
            if type < 2 {
                json.key("topic")
                json.string(try reader.string("topic"))
                json.key("partition")
                json.number(try reader.int32("partition"))
            }
            json.closeObject()
        }
    }

    /// `{"LABEL":"VERSION","data":…}` around `data`, its errors reported against `part`.
    private static func envelope(
        _ label: String,
        _ version: Int16,
        part: String,
        data: (inout JSONText) throws(RecordBatchError) -> Void
    ) throws(MessageReadFailure) -> String {
        var json = JSONText()
        json.openObject()
        json.key(label)
        json.string("\(version)")
        json.key("data")
        do throws(RecordBatchError) {
            try data(&json)
        } catch {
            throw .unreadable(part, version: version, error.description)
        }
        json.closeObject()
        return json.text
    }

    private static func readValue(_ value: UnsafeRawBufferPointer, type: Int16) throws(MessageReadFailure) -> String {
        guard value.count >= 2 else { throw .noVersion("value") }
        let version = Int16(bigEndian: value.loadUnaligned(as: Int16.self))
        let schema = type < 2 ? "OffsetCommitValue" : "GroupMetadataValue"
        guard (0...4).contains(version) else { throw .unsupported("value", version: version, schema: schema) }
        return try envelope("version", version, part: "value") { (json) throws(RecordBatchError) in
            var reader = ProtocolReader(value, from: 2, flexible: version >= 4)
            if type < 2 {
                try OffsetCommitValueReader.read(&reader, version: version, into: &json)
            } else {
                try GroupMetadataValueReader.read(&reader, version: version, into: &json)
            }
        }
    }
}

/// `OffsetCommitValue` v0–v4 as JSON fields.
enum OffsetCommitValueReader {
    static func read(_ reader: inout ProtocolReader, version: Int16, into json: inout JSONText) throws(RecordBatchError) {
        json.openObject()
        json.key("offset")
        json.number(try reader.int64("offset"))
        if version >= 3 {
            json.key("leaderEpoch")
            json.number(try reader.int32("leaderEpoch"))
        }
        json.key("metadata")
        json.string(try reader.string("metadata"))
        json.key("commitTimestamp")
        json.number(try reader.int64("commitTimestamp"))
        if version == 1 {
            json.key("expireTimestamp")
            json.number(try reader.int64("expireTimestamp"))
        }
        try reader.taggedFields("OffsetCommitValue")
        json.closeObject()
    }
}
