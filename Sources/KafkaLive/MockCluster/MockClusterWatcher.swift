import Foundation
import Synchronization

/// Watches a mock cluster from a client of its own, on a thread of its own: every
/// `pollInterval` it reads the full topic list and every partition's low watermark (one
/// metadata request, one ListOffsets request per broker) and hands what changed — topics
/// clients auto-created, offsets the cluster dropped — to `onEvent` (see ``MockClusterWatch``).
///
/// librdkafka's mock cluster has no API to report either, nor to change the auto-created
/// partition count or the per-partition retention: watching it as a client does is how
/// `kbench broker` can say when either happens.
package final class MockClusterWatcher: Sendable {
    private let wake = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private let stopping = NativeFlag()

    /// Starts watching `cluster`, whose topics so far are `createdTopics` (not reported).
    ///
    /// - Throws: ``KafkaLiveError`` when the watching client cannot be created.
    package init(
        cluster: MockCluster,
        createdTopics: Set<String>,
        pollInterval: Duration = .milliseconds(250),
        reportInterval: Duration = .seconds(2),
        onEvent: @escaping @Sendable (MockClusterEvent) -> Void
    ) throws(KafkaLiveError) {
        let client = try KafkaProducer(configuration: KafkaConfiguration([
            "bootstrap.servers": cluster.bootstrapServers, "log_level": "0",
        ]))
        let wake = wake, done = done, stopping = stopping
        let thread = Thread {
            let clock = ContinuousClock()
            var watch = MockClusterWatch(createdTopics: createdTopics, interval: reportInterval)
            let waitMilliseconds = Int(milliseconds(pollInterval))
            while true {
                let last = stopping.isSet
                if let topics = try? client.topics(timeoutMilliseconds: 2_000) {
                    let lows = (try? client.lowWatermarks(of: topics, timeoutMilliseconds: 2_000)) ?? [:]
                    for event in watch.observe(topics: topics, lowWatermarks: lows, at: clock.now, flush: last) { onEvent(event) }
                }
                if last { break }
                _ = wake.wait(timeout: .now() + .milliseconds(waitMilliseconds))
            }
            done.signal()
        }
        thread.name = "kbench.mock-cluster-watcher"
        thread.start()
    }

    /// Makes a last poll (reporting every pending drop) and stops; returns when the thread
    /// has finished. Call once, before shutting the cluster down.
    package func stop() {
        guard stopping.set() else { return }
        wake.signal()
        done.wait()
    }
}

/// A flag set once, thread-safely.
final class NativeFlag: Sendable {
    private let value = Mutex(false)

    /// Whether it was set.
    var isSet: Bool { value.withLock { $0 } }

    /// Sets it; true for the first caller only.
    func set() -> Bool {
        value.withLock { value in
            defer { value = true }
            return !value
        }
    }
}
