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

    /// Resumes `topic`'s partitions at the given offsets (partition → offset): their positions
    /// when nothing was read while paused. `rd_kafka_resume_partitions` alone is handled on
    /// librdkafka's main thread and leaves the broker threads asleep, so in 2.0.2 fetching starts
    /// again only when each broker thread next wakes (up to 1 s: its idle wait); the seek that
    /// follows (`rd_kafka_seek_partitions`, asynchronous) wakes them ("seek done" in
    /// `rd_kafka_toppar_seek`), so fetching starts at once.
    ///
    /// - Throws: ``KafkaLiveError`` when a call fails or a partition is not assigned.
    package func resume(topic: String, at offsets: [Int32: Int64]) throws(KafkaLiveError) {
        let partitions = offsets.keys.sorted()
        try resume(topic: topic, partitions: partitions)
        let handle = try liveHandle("rd_kafka_seek_partitions(\(topic))")
        guard let list = rd_kafka_topic_partition_list_new(Int32(clamping: partitions.count)) else { return }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for partition in partitions {
            rd_kafka_topic_partition_list_add(list, topic, partition)?.pointee.offset = offsets[partition] ?? -1
        }
        if let error = rd_kafka_seek_partitions(handle, list, 0) {
            throw KafkaLiveError.consuming("rd_kafka_seek_partitions(\(topic))", error)
        }
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
