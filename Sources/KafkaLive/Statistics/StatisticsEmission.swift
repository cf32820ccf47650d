import Foundation

/// The part of one librdkafka statistics emission (the JSON `stats_cb` receives every
/// `statistics.interval.ms`, librdkafka 2.0.2's STATISTICS.md) that says what went on the wire.
///
/// Two kinds of figures, which sum differently over a run:
/// - window figures (a topic's `batchsize` and `batchcnt`): librdkafka rolls them over at every
///   emission, so each emission holds only the batches since the previous one — a run's total
///   is the sum over all its emissions (``WireStatistics`` keeps it);
/// - counters (`txmsgs`, partition `txbytes`, broker `txbytes`): totals since the client
///   started — the newest emission holds the run's total.
///
/// Every field is optional in the JSON: what is missing reads as 0.
package struct StatisticsEmission: Sendable, Hashable {
    /// librdkafka's monotonic clock at the emission (`ts`, microseconds).
    package var clockMicroseconds: Int64
    /// Per topic name: its batches in this window and its partitions' counters.
    package var topics: [String: Topic]
    /// Bytes sent to the cluster's brokers since the client started (requests of every kind,
    /// framing included; broker `txbytes` over the brokers with a node id ≥ 0, so the
    /// bootstrap connections are not counted twice).
    package var requestBytes: Int64

    /// One topic's part of an emission.
    package struct Topic: Sendable, Hashable {
        /// ProduceRequest record batches built in this window (`batchsize.cnt`).
        package var batches: Int64
        /// Their sizes summed (`batchsize.sum`): each a whole RecordBatch — 61-byte header plus
        /// the records block as sent, compressed when a codec is set.
        package var batchBytes: Int64
        /// Records in those batches (`batchcnt.sum`).
        package var batchRecords: Int64
        /// Records transmitted since the client started (partition `txmsgs` summed).
        package var transmittedRecords: Int64
        /// Key and value bytes of those records (partition `txbytes` summed: librdkafka counts
        /// each record's key and value length, no framing).
        package var transmittedRecordBytes: Int64
    }

    /// The emission in `json`; nil when it is not librdkafka's statistics object.
    package init?(json: String) {
        guard let decoded = try? JSONDecoder().decode(Wire.self, from: Data(json.utf8)) else { return nil }
        clockMicroseconds = decoded.ts ?? 0
        requestBytes = (decoded.brokers ?? [:]).values.reduce(0) { ($1.nodeid ?? -1) >= 0 ? $0 + ($1.txbytes ?? 0) : $0 }
        topics = (decoded.topics ?? [:]).mapValues { topic in
            let partitions = (topic.partitions ?? [:]).values
            return Topic(
                batches: topic.batchsize?.cnt ?? 0,
                batchBytes: topic.batchsize?.sum ?? 0,
                batchRecords: topic.batchcnt?.sum ?? 0,
                transmittedRecords: partitions.reduce(0) { $0 + ($1.txmsgs ?? 0) },
                transmittedRecordBytes: partitions.reduce(0) { $0 + ($1.txbytes ?? 0) })
        }
    }

    /// librdkafka's field names (snake_case as printed by `rd_kafka_stats_emit_all`).
    private struct Wire: Decodable {
        struct Window: Decodable {
            var sum: Int64?
            var cnt: Int64?
        }
        struct Partition: Decodable {
            var txmsgs: Int64?
            var txbytes: Int64?
        }
        struct Topic: Decodable {
            var batchsize: Window?
            var batchcnt: Window?
            var partitions: [String: Partition]?
        }
        struct Broker: Decodable {
            var nodeid: Int64?
            var txbytes: Int64?
        }
        var ts: Int64?
        var brokers: [String: Broker]?
        var topics: [String: Topic]?
    }
}
