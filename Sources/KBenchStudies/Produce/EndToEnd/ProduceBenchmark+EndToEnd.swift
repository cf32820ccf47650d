import KafkaLive

extension ProduceBenchmark {
    /// Sequence numbers at or above this are not the run's when no message count bounds it
    /// (16 G records per producer: 2 GiB of bitmap at most).
    static let endToEndSequenceCap: UInt64 = 1 << 34

    /// The run's consumers, positioned at the end of every partition (before anything is sent),
    /// with a fresh run tag, for the records of `producerCount` producers.
    static func endToEndConsumers(
        _ endToEnd: EndToEndSettings, settings: ProduceSettings, partitionCount: Int, producer: KafkaProducer, producerCount: Int
    ) throws(KafkaLiveError) -> EndToEndConsumers {
        let sequenceCap: UInt64 = if case .messages(let count) = settings.limit { UInt64(count) } else { endToEndSequenceCap }
        return try EndToEndConsumers(
            endToEnd, topic: settings.topic, partitionCount: partitionCount,
            configuration: EndToEndSettings.consumerConfiguration(
                from: settings.configuration, embedded: settings.mockCluster != nil, readCommitted: settings.transactions != nil),
            producer: producer, runTag: UInt16.random(in: 0..<UInt16(1 << EndToEndStamp.Identity.runTagBits)),
            producerCount: producerCount, sequenceCap: sequenceCap, timeoutMilliseconds: milliseconds(settings.connectTimeout))
    }

    /// The consumers' reading checked against the delivery reports, with the partitions' low
    /// watermarks (asked now) telling records the cluster dropped from lost ones; in a
    /// transactional run, the records of `abortedRanges` (producer 0's sequence numbers) are
    /// expected not to be read.
    static func endToEndResult(
        _ consumers: EndToEndConsumers, delivered: [DeliveredLedger], deliveredCount: Int, tail: (seconds: Double, complete: Bool),
        settings: ProduceSettings, partitionCount: Int, producer: KafkaProducer, abortedRanges: [Range<Int>]? = nil
    ) -> EndToEndResult {
        let lows = (try? producer.lowWatermarks(of: [settings.topic: partitionCount], timeoutMilliseconds: milliseconds(settings.connectTimeout))) ?? [:]
        var lowWatermarks: [Int32: Int64] = [:]
        for (partition, low) in lows { lowWatermarks[partition.partition] = low }
        let aborted = abortedRanges.map { ranges in
            var bitmap = SequenceBitmap(capacity: ranges.last?.upperBound ?? 0)
            for range in ranges { for sequence in range { _ = bitmap.insert(UInt64(sequence)) } }
            return bitmap
        }
        defer { aborted?.deallocate() }
        var result = consumers.result(
            delivered: delivered, deliveredCount: deliveredCount, tail: tail, lowWatermarks: lowWatermarks, aborted: aborted.map { [$0] } ?? [])
        result.readCommitted = abortedRanges != nil
        result.abortedVisibleOnEmbeddedCluster = abortedRanges != nil && settings.mockCluster != nil
        result.paddedValues = settings.values.count(shorterThan: EndToEndStamp.size)
        return result
    }
}

/// How one producer instance stamps its records for `--end-to-end` (see ``EndToEndStamp``).
struct EndToEndStamping: Sendable, Hashable {
    /// The run's tag (the consumers').
    var runTag: UInt16
    /// The instance's index, from 0.
    var producer: Int

    /// The identity bits of the instance's records, sequence 0.
    var identityPrefix: UInt64 { EndToEndStamp.Identity.prefix(runTag: runTag, producer: producer) }
}
