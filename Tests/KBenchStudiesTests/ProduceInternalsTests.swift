import Foundation
import Histogram
import KafkaLive
import KafkaLiveTestSupport
import KafkaPartitioning
import KBenchWorkloads
import Testing
import TestSupport
@testable import KBenchStudies

@Suite("Producer benchmark internals: latency buckets, key replay, predictions, batches")
struct ProduceInternalsTests {
    // MARK: LatencyRecorder against HdrHistogram itself

    /// Records `values` both ways and expects equal histograms (counts, total, min, max).
    static func expectSameHistogram(_ values: [UInt64], highest: UInt64 = DeliveryAccounting.highestTrackableLatency) {
        var recorder = LatencyRecorder(highestTrackableValue: highest)
        defer { recorder.deallocate() }
        var direct = Histogram<UInt64>(highestTrackableValue: highest, numberOfSignificantValueDigits: .three)
        for value in values {
            #expect(recorder.record(value) == direct.record(value), "value \(value)")
        }
        let merged = recorder.histogram()
        #expect(merged == direct)
        #expect(merged.totalCount == direct.totalCount)
        #expect(merged.maxRecorded == direct.maxRecorded)
        #expect(merged.min == direct.min)
        #expect(merged.minNonZero == direct.minNonZero)
        for percentile in [0.0, 1, 10, 50, 90, 95, 99, 99.9, 99.99, 100] {
            #expect(merged.valueAtPercentile(percentile) == direct.valueAtPercentile(percentile), "p\(percentile)")
        }
    }

    @Test("random latencies over every bucket give the HdrHistogram recording them one by one would")
    func recorderMatchesHistogram() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<20 {
            let values = (0..<5_000).map { _ -> UInt64 in
                // Log-uniform over 0…2^33 µs: every bucket, some beyond the hour tracked.
                let magnitude = random.next(below: 34)
                return magnitude == 0 ? 0 : random.next() >> (64 - UInt64(magnitude))
            }
            Self.expectSameHistogram(values)
        }
    }

    @Test("edge cases: nothing, one value, zeros, extremes in one bucket, beyond the range", arguments: [
        [UInt64](), [0], [5], [0, 0, 0], [3000, 3001], [3001, 3000, 3000, 3001], [0, 4_000_000, 4_000_001],
        [1, 2047, 2048, 2049, 4095, 4096], [7_200_000_000, 12], [UInt64.max, 0, 1], [1 << 40, 1 << 41],
    ])
    func recorderEdgeCases(values: [UInt64]) {
        Self.expectSameHistogram(values)
        Self.expectSameHistogram(values, highest: 2)
        Self.expectSameHistogram(values, highest: 10_000)
    }

    // MARK: KeyCursor replay

    /// The (key, tag) stream of `keys` over `count` messages, read through a cursor.
    static func stream(_ keys: ProduceKeys, _ predictor: PartitionPredictor, budget: Int, count: Int) throws -> [([UInt8]?, UInt)] {
        var cursor = try KeyCursor(keys, predictor: predictor, cacheBudget: budget)
        var result: [([UInt8]?, UInt)] = []
        for _ in 0..<count {
            guard let item = try cursor.withNext({ key, tag in (key.map { Array($0) }, tag) }) else { break }
            result.append(item)
        }
        return result
    }

    /// What the source gives cycled by hand, each key tagged afresh.
    static func reference(_ spec: KeySpec, seed: UInt64, _ predictor: PartitionPredictor, count: Int) -> [([UInt8]?, UInt)] {
        var generator = KeyGenerator(spec: spec, seed: seed)
        var key = KeyBuffer()
        var result: [([UInt8]?, UInt)] = []
        while result.count < count {
            if !generator.nextKey(into: &key) {
                generator.reset()
                guard generator.nextKey(into: &key) else { break }
            }
            result.append((key.bytes, key.withUnsafeBytes { predictor.tag(for: $0) }))
        }
        return result
    }

    static func predictor(_ name: String, partitions: Int) throws -> PartitionPredictor {
        let strategy: PartitionStrategy = try #require(StrategyRegistry.strategy(named: name))
        return PartitionPredictor(strategy: strategy, partitionCount: partitions)
    }

    static func murmur2(_ partitions: Int) throws -> PartitionPredictor {
        try predictor("librdkafka:murmur2", partitions: partitions)
    }

    @Test("replayed passes give the generator's keys and tags, cached or not, whatever the budget",
          arguments: ["seq:k-:1000", "uuid:700", "zipf:1.1:900:50", "random:0:5", "seq:x:1"])
    func cursorReplaysGenerator(spec: String) throws {
        let keySpec = try KeySpec(parsing: spec)
        let predictor = try Self.murmur2(12)
        let count = keySpec.count * 3 + 17
        let expected = Self.reference(keySpec, seed: 3, predictor, count: count)
        // Enough budget, none, and budgets that give up during the first pass.
        for budget in [ProduceBenchmark.keyCacheBudget, 0, 4096, 5000] {
            let got = try Self.stream(.generated(keySpec, seed: 3), predictor, budget: budget, count: count)
            #expect(got.count == expected.count, "budget \(budget)")
            #expect(zip(got, expected).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }, "budget \(budget)")
        }
    }

    @Test("a key file is re-read or replayed identically; an empty file runs out")
    func cursorReplaysFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = (0..<300).map { $0 % 7 == 0 ? "" : "user-\($0 * 31)" }
        let file = directory.appendingPathComponent("keys.txt")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let predictor = try Self.murmur2(5)
        let expected = (0..<1_000).map { index -> ([UInt8]?, UInt) in
            let key = Array(lines[index % lines.count].utf8)
            return (key, key.withUnsafeBytes { predictor.tag(for: $0) })
        }
        for budget in [ProduceBenchmark.keyCacheBudget, 0, 4096] {
            let got = try Self.stream(.file(file.path), predictor, budget: budget, count: 1_000)
            #expect(got.count == 1_000)
            #expect(zip(got, expected).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }, "budget \(budget)")
        }
        let empty = directory.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        #expect(try Self.stream(.file(empty.path), predictor, budget: 1 << 20, count: 10).isEmpty)
        #expect(try Self.stream(.generated(.sequence(prefix: "k", count: 0), seed: 0), predictor, budget: 1 << 20, count: 10).isEmpty)
    }

    @Test("null keys: never run out, one tag (hashed as empty for `consistent`, unpredictable for sticky)")
    func cursorNullKeys() throws {
        let consistent = try Self.predictor("librdkafka:consistent", partitions: 6)
        let sticky = try Self.predictor("librdkafka:consistent_random", partitions: 6)
        let hashed = try Self.stream(.none, consistent, budget: 1 << 20, count: 500)
        #expect(hashed.count == 500)
        #expect(hashed.allSatisfy { $0.0 == nil && $0.1 == UInt(consistent.partition(for: nil).map { $0 + 1 } ?? 0) })
        #expect(consistent.partition(for: nil) != nil)
        let unpredictable = try Self.stream(.none, sticky, budget: 1 << 20, count: 500)
        #expect(unpredictable.allSatisfy { $0.0 == nil && $0.1 == PartitionPredictor.unpredictable })
    }

    // MARK: PartitionPredictor

    @Test("tags carry the strategy's partition, nothing for keys it places by state")
    func predictorTags() throws {
        let strategy = try #require(StrategyRegistry.strategy(named: "librdkafka:consistent_random"))
        let predictor = PartitionPredictor(strategy: strategy, partitionCount: 9)
        var generator = try KeyGenerator(parsing: "uuid:200", seed: 5)
        var key = KeyBuffer()
        while generator.nextKey(into: &key) {
            let expected = key.withUnsafeBytes { strategy.deterministicPartition(key: $0, partitionCount: .valid(9)) }
            let tag = key.withUnsafeBytes { predictor.tag(for: $0) }
            #expect(PartitionPredictor.predictedPartition(tag: tag) == expected)
            #expect(expected != nil)
        }
        // consistent_random: empty keys like null ones, placed at random.
        let empty = [UInt8]()
        #expect(empty.withUnsafeBytes { predictor.tag(for: $0) } == PartitionPredictor.unpredictable)
        #expect(predictor.tag(for: nil) == PartitionPredictor.unpredictable)
        // No strategy, or no partitions: nothing predicted.
        #expect(PartitionPredictor(strategy: nil, partitionCount: 9).tag(for: nil) == PartitionPredictor.unpredictable)
        #expect(Array("k".utf8).withUnsafeBytes { PartitionPredictor(strategy: strategy, partitionCount: 0).tag(for: $0) } == PartitionPredictor.unpredictable)
    }

    // MARK: MessageStamp, ReportClock, SendWindow

    @Test("a stamp carries the tag and the send time; latency is the difference, never negative")
    func stamps() {
        for (time, tag) in [(UInt64(0), UInt(0)), (12_345, 7), ((1 << 32) - 1, (1 << 17) - 1), (1 << 33 | 5, 3)] {
            let opaque = MessageStamp.opaque(time: time, tag: tag)
            #expect(MessageStamp.tag(opaque) == tag)
            #expect(MessageStamp.lag(opaque) == 0)
            let sent = time & ((1 << 32) - 1)
            #expect(MessageStamp.latency(opaque, now: sent + 2_500) == 2_500)
            #expect(MessageStamp.latency(opaque, now: sent) == 0)
        }
        // A report read before the send time (reordered clock reads) is 0, not 71 minutes.
        #expect(MessageStamp.latency(MessageStamp.opaque(time: 10_000, tag: 1), now: 9_000) == 0)
        // Send times wrap at 2^32 µs; differences across the wrap stay right.
        #expect(MessageStamp.latency(MessageStamp.opaque(time: (1 << 32) - 10, tag: 1), now: (1 << 32) + 90) == 100)
        #expect(PartitionPredictor.predictedPartition(tag: MessageStamp.tag(MessageStamp.opaque(time: 1, tag: 5))) == 4)
    }

    @Test("partitions beyond what a stamp carries are not predicted rather than predicted wrong")
    func hugePartitionCounts() throws {
        let predictor = try Self.predictor("librdkafka:murmur2", partitions: 1 << 26)
        var beyond = 0
        for index in 0..<200 {
            let key = Array("key-\(index)".utf8)
            let partition = try #require(key.withUnsafeBytes { predictor.partition(for: $0) })
            let tag = key.withUnsafeBytes { predictor.tag(for: $0) }
            if UInt(partition) + 1 < MessageStamp.tagLimit {
                #expect(tag == UInt(partition) + 1)
            } else {
                #expect(tag == PartitionPredictor.unpredictable)
                beyond += 1
            }
        }
        #expect(beyond > 100, "most of 2^26 partitions lie beyond 2^17")
    }

    @Test("the report clock reads once per 16 reports, and afresh after invalidate()")
    func reportClock() throws {
        var clock = ReportClock(origin: MessageStamp.monotonicMicroseconds())
        let first = clock.reportTime()
        Thread.sleep(forTimeInterval: 0.003)
        let cached = (1..<MessageStamp.refreshInterval).map { _ in clock.reportTime() }
        #expect(cached.allSatisfy { $0 == first }, "read once for 16 reports")
        let refreshed = clock.reportTime()
        #expect(refreshed >= first + 3_000)
        Thread.sleep(forTimeInterval: 0.003)
        #expect(clock.reportTime() == refreshed)
        clock.invalidate()
        #expect(clock.reportTime() >= refreshed + 3_000)
    }

    @Test("window arguments", arguments: [
        ("adaptive", SendWindow.adaptive), ("ADAPTIVE", .adaptive), ("unlimited", .unlimited), ("0", .unlimited),
        ("25000", .fixed(25_000)), ("-3", nil), ("many", nil), ("", nil),
    ] as [(String, SendWindow?)])
    func windowArguments(text: String, window: SendWindow?) {
        #expect(SendWindow(argument: text) == window)
    }

    @Test("adaptive window: twice peak rate × max(linger, fastest delivery), measured over ≥ 10 ms spans")
    func adaptiveWindow() {
        var estimate = SendWindowEstimate(.adaptive, lingerMilliseconds: 5)
        #expect(estimate.limit == .max, "no limit before any report")
        let t0: UInt64 = 5_000_000
        estimate.update(now: t0, reports: 0, fastestDelivery: nil)
        estimate.update(now: t0 + 10_000, reports: 30_000, fastestDelivery: 800)  // 3 reports/µs
        #expect(estimate.limit == 30_000)  // 2 × 3 × 5000 µs of linger
        estimate.update(now: t0 + 15_000, reports: 60_000, fastestDelivery: 800)  // span < 10 ms: ignored
        #expect(estimate.limit == 30_000)
        estimate.update(now: t0 + 30_000, reports: 40_000, fastestDelivery: 20_000)  // slower, but deliveries take 20 ms
        #expect(estimate.limit == 120_000)  // peak rate kept: 2 × 3 × 20000
        estimate.update(now: t0 + 60_000, reports: 40_001, fastestDelivery: 20_000)
        #expect(estimate.limit == 120_000, "the peak rate never decays")
        var slow = SendWindowEstimate(.adaptive, lingerMilliseconds: 0)
        slow.update(now: t0, reports: 0, fastestDelivery: nil)
        slow.update(now: t0 + 1_000_000, reports: 10, fastestDelivery: 5)
        #expect(slow.limit == SendWindowEstimate.floor)
        var fixed = SendWindowEstimate(.fixed(700), lingerMilliseconds: 5)
        fixed.update(now: t0, reports: 0, fastestDelivery: nil)
        fixed.update(now: t0 + 50_000, reports: 1_000_000, fastestDelivery: 100)
        #expect(fixed.limit == 700)
        var unlimited = SendWindowEstimate(.unlimited, lingerMilliseconds: 5)
        unlimited.update(now: t0, reports: 0, fastestDelivery: nil)
        unlimited.update(now: t0 + 50_000, reports: 1_000_000, fastestDelivery: 100)
        #expect(unlimited.limit == .max)
    }

    @Test("a small fixed window pauses sending for reports; unlimited never does; latencies either way", arguments: [
        (SendWindow.fixed(200), false), (.unlimited, false), (.adaptive, true),
    ] as [(SendWindow, Bool)])
    func windowedRun(window: SendWindow, exact: Bool) throws {
        let cluster = try MockCluster(brokers: 1)
        let settings = ProduceSettings(
            topic: Live.topic("window"), limit: .messages(5_000), keys: .generated(.sequence(prefix: "k", count: 500), seed: 0),
            values: ValuePool(fixedSize: 20, seed: 1), partitioner: .librdkafka("murmur2"),
            configuration: cluster.clientConfiguration, partitions: 3, mockCluster: cluster,
            connectTimeout: .seconds(10), flushTimeout: .seconds(20), window: window, exactLatency: exact)
        let result = try ProduceBenchmark.run(settings)
        #expect(result.allDelivered)
        #expect(result.check.checked == 5_000)
        #expect(result.check.mismatched == 0)
        #expect(result.window == window.description)
        switch window {
        case .fixed: #expect(result.windowWaits > 0)
        case .unlimited: #expect(result.windowWaits == 0)
        case .adaptive: break
        }
        #expect(result.latency.count == 5_000)
        #expect(result.latency.p50Milliseconds > 0)
        #expect(result.latency.maximumMilliseconds >= result.latency.p99Milliseconds)
        #expect(result.latency.maximumMilliseconds < 20_000, "no wrapped or bogus latency")
    }

    // MARK: MessageBatch through a whole run

    @Test("a queue far smaller than a batch: every message sent again after polling, in order per partition, values intact")
    func queueFullMidBatch() throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = Live.topic("qfull")
        // Values of every size class librdkafka handles (empty, tiny, copied into requests,
        // beyond message.copy.max.bytes), referenced rather than copied when enqueued.
        var random = SplitMix64(seed: 11)
        let records = [0, 1, 17, 100, 4_000, 70_000, 33].map { size in (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) } }
        let settings = ProduceSettings(
            topic: topic, limit: .messages(1_400), keys: .generated(.sequence(prefix: "k", count: 1_400), seed: 0),
            values: ValuePool(records: records, description: "seven sizes"), partitioner: .librdkafka("murmur2"),
            configuration: cluster.clientConfiguration.setting("queue.buffering.max.messages", "50").setting("linger.ms", "1"),
            partitions: 4, mockCluster: cluster, connectTimeout: .seconds(10), flushTimeout: .seconds(20))
        let result = try ProduceBenchmark.run(settings)
        #expect(result.allDelivered)
        #expect(result.delivered == 1_400)
        #expect(result.queueFullWaits > 0)
        #expect(result.check.checked == 1_400)
        #expect(result.check.mismatched == 0)
        let consumed = try Live.consumeAll(cluster, topic: topic, partitions: 4, count: 1_400)
        #expect(consumed.count == 1_400)
        for record in consumed {
            let number = Int(String(decoding: (record.key ?? []).dropFirst(), as: UTF8.self)) ?? -1
            #expect(record.value == records[number % records.count], "message \(number)")
        }
        for partition in 0..<Int32(4) {
            let numbers = consumed.filter { $0.partition == partition }.sorted { $0.offset < $1.offset }
                .map { Int(String(decoding: ($0.key ?? []).dropFirst(), as: UTF8.self)) ?? -1 }
            #expect(numbers == numbers.sorted(), "partition \(partition) out of order")
            #expect(Set(numbers).count == numbers.count, "partition \(partition) has duplicates")
        }
    }

    @Test("messages librdkafka refuses outright are failures by error, the others delivered")
    func rejectedInBatch() throws {
        let cluster = try MockCluster(brokers: 1)
        // Values cycle 40 bytes, 3000 bytes: the large ones exceed message.max.bytes.
        let settings = ProduceSettings(
            topic: Live.topic("reject"), limit: .messages(200), keys: .generated(.sequence(prefix: "k", count: 200), seed: 0),
            values: ValuePool(records: [[UInt8](repeating: 0x61, count: 40), [UInt8](repeating: 0x62, count: 3_000)], description: "two sizes"),
            partitioner: .librdkafka("murmur2"),
            configuration: cluster.clientConfiguration.setting("message.max.bytes", "2000"),
            partitions: 3, mockCluster: cluster, connectTimeout: .seconds(10), flushTimeout: .seconds(20))
        let result = try ProduceBenchmark.run(settings)
        #expect(result.sent == 200)
        #expect(result.delivered == 100)
        #expect(result.failures.map(\.error) == ["MSG_SIZE_TOO_LARGE"])
        #expect(result.failed == 100)
        #expect(result.check.checked == 100)
        #expect(result.check.mismatched == 0)
    }
}
