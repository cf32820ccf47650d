import Foundation
import KafkaLive
import KafkaRecords
import Synchronization

/// Collects delivery reports from librdkafka's callback thread.
package final class ReportCollector: Sendable {
    private let reports = Mutex([DeliveryReport]())

    /// An empty collector.
    package init() {}

    /// Keeps one report (called on librdkafka's thread).
    package func record(_ report: DeliveryReport) {
        reports.withLock { $0.append(report) }
    }

    /// The reports so far, in arrival order.
    package var all: [DeliveryReport] { reports.withLock { $0 } }
}

/// Helpers for tests against librdkafka's mock cluster.
package enum Live {
    /// Every test bounds its waits with this (a hung cluster fails the test, never hangs it).
    package static let timeoutMilliseconds = 15_000

    /// Consumes every record of `topic` (all partitions from the beginning) until `count`.
    package static func consumeAll(_ cluster: MockCluster, topic: String, partitions: Int, count: Int) throws -> [StoredRecord] {
        let consumer = try KafkaConsumer(configuration: cluster.clientConfiguration)
        defer { try? consumer.close() }
        try consumer.assign(topic: topic, partitions: (0..<Int32(partitions)).map { $0 })
        return try consumer.consume(count: count, timeoutMilliseconds: timeoutMilliseconds)
    }

    /// A unique topic name.
    package static func topic(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}
