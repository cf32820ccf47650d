import CRdKafka

extension KafkaConsumer {
    /// Stops fetching `partitions` of `topic` (`rd_kafka_pause_partitions`): the consumer keeps
    /// its assignment and position, and librdkafka drops what it had prefetched for them
    /// (2.0.2's `rd_kafka_toppar_pause_resume` purges the fetch queue), so nothing is read
    /// ahead while paused. ``resume(topic:partitions:)`` fetches again from the position.
    ///
    /// - Throws: ``KafkaLiveError`` when the call fails or a partition is not assigned.
    package func pause(topic: String, partitions: [Int32]) throws(KafkaLiveError) {
        try pauseOrResume(topic: topic, partitions: partitions, pause: true)
    }

    /// Fetches `partitions` of `topic` again after ``pause(topic:partitions:)``
    /// (`rd_kafka_resume_partitions`).
    ///
    /// - Throws: ``KafkaLiveError`` when the call fails or a partition is not assigned.
    package func resume(topic: String, partitions: [Int32]) throws(KafkaLiveError) {
        try pauseOrResume(topic: topic, partitions: partitions, pause: false)
    }

    private func pauseOrResume(topic: String, partitions: [Int32], pause: Bool) throws(KafkaLiveError) {
        let operation = pause ? "rd_kafka_pause_partitions(\(topic))" : "rd_kafka_resume_partitions(\(topic))"
        let handle = try liveHandle(operation)
        guard let list = rd_kafka_topic_partition_list_new(Int32(clamping: partitions.count)) else { return }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for partition in partitions { rd_kafka_topic_partition_list_add(list, topic, partition) }
        let error = pause ? rd_kafka_pause_partitions(handle, list) : rd_kafka_resume_partitions(handle, list)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw .call(operation, error) }
        for index in 0..<Int(list.pointee.cnt) where list.pointee.elems[index].err != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw .call("\(operation) partition \(list.pointee.elems[index].partition)", list.pointee.elems[index].err)
        }
    }
}
