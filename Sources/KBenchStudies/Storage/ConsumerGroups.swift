import Foundation
import KafkaRecords

/// A consumer group as a `__consumer_offsets` partition holds it once every record has been
/// applied in log order, as the group coordinator loads it: the latest commit per
/// topic-partition, the latest group metadata, tombstones removing either.
package struct ConsumerGroup: Sendable, Hashable {
    /// The group id (untrusted text from disk).
    package var id: String
    /// Committed offsets in the order first seen, deleted ones included (their ``CommittedOffset/deletedAt``).
    package private(set) var offsets: [CommittedOffset] = []
    /// Where each topic-partition is in ``offsets``.
    private var offsetIndex: [TopicPartitionKey: Int] = [:]
    /// The latest `GroupMetadataValue`, nil when none was written or a tombstone followed it.
    package var metadata: GroupMetadata?
    /// The log offset of the `GroupMetadata` tombstone that deleted the group, if that was its
    /// last metadata record.
    package var deletedAt: Int64?

    /// A group with nothing recorded yet.
    package init(id: String) {
        self.id = id
    }
}

/// One topic-partition's committed offset (`OffsetCommitKey` / `OffsetCommitValue`).
package struct CommittedOffset: Sendable, Hashable {
    /// The topic (untrusted text from disk).
    package var topic: String
    /// The partition.
    package var partition: Int32
    /// The latest committed offset; nil when only a tombstone was seen.
    package var offset: Int64?
    /// The commit's leader epoch (value v3+, −1 = none), nil before v3.
    package var leaderEpoch: Int32?
    /// The commit's metadata string.
    package var metadata: String?
    /// When the commit was made (ms since the epoch).
    package var commitTimestamp: Int64?
    /// The log offset of the record holding the latest commit (or tombstone).
    package var recordOffset: Int64
    /// The log offset of the tombstone that deleted this commit, if the last record was one.
    package var deletedAt: Int64?
}

/// The fields of a `GroupMetadataValue` a summary shows.
package struct GroupMetadata: Sendable, Hashable, Decodable {
    /// `consumer`, `connect`, … (empty for a group without a protocol type).
    package var protocolType: String
    /// The generation.
    package var generation: Int32
    /// The chosen protocol (`range`, `cooperative-sticky`), if any.
    package var `protocol`: String?
    /// The leader's member id, if any.
    package var leader: String?
    /// When the group last changed state (value v2+), ms since the epoch.
    package var currentStateTimestamp: Int64?
    /// The members.
    package var members: [GroupMember]
}

/// A member of a group (`GroupMetadataValue.members`).
package struct GroupMember: Sendable, Hashable, Decodable {
    /// The member id.
    package var memberId: String
    /// The static membership id (v3+), if any.
    package var groupInstanceId: String?
    /// The client id.
    package var clientId: String
    /// The client host.
    package var clientHost: String
}

/// Folds the records of `__consumer_offsets` partitions into ``ConsumerGroup``s, record by
/// record in log order. Records are read by ``ConsumerOffsetsDecoder`` (kafka-dump-log's
/// `--offsets-decoder`), so a group here reads exactly as the dump prints it.
package struct ConsumerGroupCollector: Sendable {
    /// Whether `partitionName` (`__consumer_offsets-7`) is a partition of the offsets topic.
    package static func isOffsetsPartition(_ partitionName: String) -> Bool {
        partitionName.hasPrefix(offsetsTopicPrefix) && Int(partitionName.dropFirst(offsetsTopicPrefix.count)) != nil
    }

    /// The directory-name prefix of the offsets topic's partitions.
    static let offsetsTopicPrefix = "__consumer_offsets-"

    /// Groups by id, in the order first seen.
    private var groupIndex: [String: Int] = [:]
    /// The groups, in the order first seen.
    package private(set) var groups: [ConsumerGroup] = []
    /// Records that could not be decoded (kafka-dump-log prints `Error at offset …` for them).
    package private(set) var undecodable = 0
    /// Records of the types kbench names but does not decode (the KIP-848 and share-group
    /// records, 3–15) and unknown types.
    package private(set) var otherRecords = 0

    /// A collector with nothing applied.
    package init() {}

    /// Applies the record at log offset `offset` (key and value nil when null).
    package mutating func add(key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?, offset: Int64) {
        let decoded = ConsumerOffsetsDecoder.decode(key: key, value: value, offset: offset)
        guard !decoded.isError else { undecodable += 1; return }
        let json = JSONDecoder()
        guard let payload = decoded.payload, let keyText = decoded.key,
              let recordKey = try? json.decode(Envelope<KeyData>.self, from: Data(keyText.utf8)).data else {
            otherRecords += 1
            return
        }
        let tombstone = payload == "<DELETE>"
        let index: Int
        if let known = groupIndex[recordKey.group] {
            index = known
        } else {
            index = groups.count
            groupIndex[recordKey.group] = index
            groups.append(ConsumerGroup(id: recordKey.group))
        }
        if let topic = recordKey.topic, let partition = recordKey.partition {
            let commit = tombstone ? nil : try? json.decode(Envelope<CommitData>.self, from: Data(payload.utf8)).data
            guard tombstone || commit != nil else { undecodable += 1; return }
            groups[index].apply(commit, topic: topic, partition: partition, offset: offset)
        } else if tombstone {
            groups[index].metadata = nil
            groups[index].deletedAt = offset
        } else {
            guard let metadata = try? json.decode(Envelope<GroupMetadata>.self, from: Data(payload.utf8)).data else {
                undecodable += 1
                return
            }
            groups[index].metadata = metadata
            groups[index].deletedAt = nil
        }
    }

    /// `{"type"|"version": …, "data": …}`: the decoder's key and payload.
    private struct Envelope<Content: Decodable>: Decodable {
        var data: Content
    }

    /// An `OffsetCommitKey` (group, topic, partition) or a `GroupMetadataKey` (group).
    private struct KeyData: Decodable {
        var group: String
        var topic: String?
        var partition: Int32?
    }
}

/// The fields of an `OffsetCommitValue` a summary shows, as the decoder's JSON names them.
struct CommitData: Decodable {
    /// The committed offset.
    var offset: Int64
    /// The leader epoch (v3+).
    var leaderEpoch: Int32?
    /// The commit's metadata string.
    var metadata: String?
    /// When the commit was made (ms since the epoch).
    var commitTimestamp: Int64
}

/// A topic-partition as a dictionary key.
struct TopicPartitionKey: Hashable, Sendable {
    var topic: String
    var partition: Int32
}

extension ConsumerGroup {
    /// Applies a commit (nil: a tombstone) of `topic`/`partition` found at log offset `offset`.
    mutating func apply(_ commit: CommitData?, topic: String, partition: Int32, offset: Int64) {
        let key = TopicPartitionKey(topic: topic, partition: partition)
        let position = offsetIndex[key] ?? offsets.count
        if position == offsets.count {
            offsetIndex[key] = position
            offsets.append(CommittedOffset(topic: topic, partition: partition, recordOffset: offset))
        }
        offsets[position].recordOffset = offset
        if let commit {
            offsets[position].offset = commit.offset
            offsets[position].leaderEpoch = commit.leaderEpoch
            offsets[position].metadata = commit.metadata
            offsets[position].commitTimestamp = commit.commitTimestamp
            offsets[position].deletedAt = nil
        } else {
            offsets[position].deletedAt = offset
        }
    }
}
