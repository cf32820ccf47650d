import CRdKafka

/// A topic's partition, as a dictionary key.
package struct TopicPartition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The topic name.
    package var topic: String
    /// The partition number.
    package var partition: Int32

    /// A topic partition.
    package init(_ topic: String, _ partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    /// Ordered by topic, then partition.
    package static func < (lhs: TopicPartition, rhs: TopicPartition) -> Bool {
        (lhs.topic, lhs.partition) < (rhs.topic, rhs.partition)
    }

    /// `orders[3]`.
    package var description: String { "\(topic)[\(partition)]" }
}

extension KafkaProducer {
    /// The low watermark (first offset still held) of every partition of `topics` (name →
    /// partition count), in one ListOffsets request per leader (`rd_kafka_offsets_for_times`
    /// with the `earliest` timestamp) instead of one request per partition. Partitions whose
    /// leader did not answer are left out.
    package func lowWatermarks(of topics: [String: Int], timeoutMilliseconds: Int) throws(KafkaLiveError) -> [TopicPartition: Int64] {
        let total = topics.values.reduce(0, +)
        guard total > 0 else { return [:] }
        let list = rd_kafka_topic_partition_list_new(Int32(clamping: total))
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for (topic, count) in topics {
            for partition in 0..<Int32(clamping: count) {
                rd_kafka_topic_partition_list_add(list, topic, partition)?.pointee.offset = Int64(RD_KAFKA_OFFSET_BEGINNING)
            }
        }
        let error = rd_kafka_offsets_for_times(handle, list, Int32(clamping: timeoutMilliseconds))
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let entries = list?.pointee else {
            throw .call("low watermarks of \(topics.count) topic(s)", error)
        }
        var result: [TopicPartition: Int64] = [:]
        for index in 0..<Int(entries.cnt) {
            let entry = entries.elems[index]
            guard entry.err == RD_KAFKA_RESP_ERR_NO_ERROR, entry.offset >= 0 else { continue }
            result[TopicPartition(String(cString: entry.topic), entry.partition)] = entry.offset
        }
        return result
    }
}
