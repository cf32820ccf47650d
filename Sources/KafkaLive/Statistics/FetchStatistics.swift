import Foundation

/// What a consumer's librdkafka statistics emission (librdkafka 2.0.2's STATISTICS.md) says
/// about its fetching: counters since the client started, so the newest emission holds a
/// run's totals. Every field missing from the JSON reads as 0.
package struct FetchStatistics: Sendable, Hashable, Codable {
    /// Fetch requests sent (broker `req.Fetch`, over brokers with a node id ≥ 0).
    package var fetchRequests: Int64 = 0
    /// Bytes received from those brokers (broker `rxbytes`: every response, framing included;
    /// Fetch responses are nearly all of it while reading).
    package var receivedBytes: Int64 = 0
    /// Records fetched for the topic (partition `rxmsgs` summed).
    package var topicRecords: Int64 = 0
    /// Their key and value bytes (partition `rxbytes` summed).
    package var topicRecordBytes: Int64 = 0

    /// Zero counters.
    package init() {}

    /// The counters of `topic` in the emission `json`; nil when it is not librdkafka's statistics object.
    package init?(json: String, topic: String) {
        guard let decoded = try? JSONDecoder().decode(Wire.self, from: Data(json.utf8)) else { return nil }
        for broker in (decoded.brokers ?? [:]).values where (broker.nodeid ?? -1) >= 0 {
            fetchRequests += broker.req?["Fetch"] ?? 0
            receivedBytes += broker.rxbytes ?? 0
        }
        // Partition -1 is librdkafka's internal unassigned partition: it fetches nothing.
        for partition in (decoded.topics?[topic]?.partitions ?? [:]).values {
            topicRecords += partition.rxmsgs ?? 0
            topicRecordBytes += partition.rxbytes ?? 0
        }
    }

    /// The sum of two clients' counters.
    package static func + (lhs: FetchStatistics, rhs: FetchStatistics) -> FetchStatistics {
        var sum = lhs
        sum.fetchRequests += rhs.fetchRequests
        sum.receivedBytes += rhs.receivedBytes
        sum.topicRecords += rhs.topicRecords
        sum.topicRecordBytes += rhs.topicRecordBytes
        return sum
    }

    /// Bytes received per Fetch request (0 without requests).
    package var bytesPerFetch: Double { fetchRequests > 0 ? Double(receivedBytes) / Double(fetchRequests) : 0 }
    /// Records per Fetch request (0 without requests).
    package var recordsPerFetch: Double { fetchRequests > 0 ? Double(topicRecords) / Double(fetchRequests) : 0 }

    /// librdkafka's field names.
    private struct Wire: Decodable {
        struct Broker: Decodable {
            var nodeid: Int64?
            var rxbytes: Int64?
            var req: [String: Int64]?
        }
        struct Partition: Decodable {
            var rxmsgs: Int64?
            var rxbytes: Int64?
        }
        struct Topic: Decodable {
            var partitions: [String: Partition]?
        }
        var brokers: [String: Broker]?
        var topics: [String: Topic]?
    }
}
