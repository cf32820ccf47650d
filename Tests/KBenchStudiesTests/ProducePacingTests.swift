import Foundation
import KafkaLive
import KafkaLiveTestSupport
import KBenchStudies
import Testing

@Suite("Fixed-rate producing: the schedule, the lag in the stamp, service and response time", .serialized)
struct ProducePacingTests {
    /// A fixed-rate run on `cluster` (every broker answering `roundTrip` ms late).
    static func settings(_ cluster: MockCluster, rate: Int, seconds: Int, producers: Int = 1) -> ProduceSettings {
        ProduceSettings(
            topic: Live.topic("paced"), limit: .duration(.seconds(seconds)),
            configuration: cluster.clientConfiguration, partitions: 6, mockCluster: cluster,
            connectTimeout: .seconds(10), flushTimeout: .seconds(20), reportInterval: .seconds(1),
            throughput: .fixed(recordsPerSecond: rate), producers: producers)
    }

    static func cluster(roundTripMilliseconds: Int = 1) throws -> MockCluster {
        let cluster = try MockCluster(brokers: 3)
        for broker in cluster.brokerIDs { try cluster.setBrokerRoundTripTime(broker, milliseconds: roundTripMilliseconds) }
        return cluster
    }

    @Test("a lag code is exact below 2048 µs, within 1/1024 above, monotonic, clamped at its top")
    func lagCodes() {
        for value: UInt64 in [0, 1, 2, 1000, 2047] { #expect(LagCode.decode(LagCode.encode(value)) == value) }
        var previous: UInt64 = 0
        var value: UInt64 = 2048
        while value < 1 << 40 {
            let decoded = LagCode.decode(LagCode.encode(value))
            #expect(decoded <= value && Double(value - decoded) < Double(value) / 1024, "\(value) → \(decoded)")
            #expect(decoded >= previous)
            previous = decoded
            value = value &* 3 / 2 &+ 7
        }
        #expect(LagCode.encode(.max) == (1 << 15) - 1)
        #expect(LagCode.decode((1 << 15) - 1) == 2047 << 30)
    }

    @Test("a stamp carries send time, lag and tag side by side")
    func stampFields() {
        for (time, lag, tag) in [(UInt64(0), UInt64(0), UInt(0)), (123_456, 1_999, 100_001), ((1 << 32) - 1, 300_000, (1 << 17) - 1)] {
            let opaque = MessageStamp.opaque(time: time, lag: lag, tag: tag)
            #expect(MessageStamp.tag(opaque) == tag)
            #expect(MessageStamp.lag(opaque) == LagCode.decode(LagCode.encode(lag)))
            #expect(MessageStamp.latency(opaque, now: time + 700) == 700)
        }
    }

    @Test("intended send times follow start + i ÷ rate; shares of a rate add up to it")
    func schedule() {
        let schedule = PacingSchedule(recordsPerSecond: 3, start: 1_000)
        #expect((0..<7).map(schedule.intendedTime(of:)) == [1_000, 334_333, 667_666, 1_001_000, 1_334_333, 1_667_666, 2_001_000])
        #expect(PacingSchedule(recordsPerSecond: 1_000_000, start: 0).intendedTime(of: 2_500_000_000) == 2_500_000_000)
        let rate = ProduceThroughput.fixed(recordsPerSecond: 20_001)
        #expect((0..<4).compactMap { rate.share(of: 4, instance: $0).recordsPerSecond } == [5_001, 5_000, 5_000, 5_000])
        #expect(ProduceThroughput.max.share(of: 4, instance: 0) == .max)
    }

    @Test("the wait returns at the intended time, not before, and polls while far ahead")
    func waitIsPunctual() {
        let origin = MessageStamp.monotonicMicroseconds()
        var polls = 0
        var lastPoll: UInt64 = 0
        for target: UInt64 in [150, 1_500, 12_000] {
            let reached = PacingSchedule.wait(until: target, timeOrigin: origin, lastPoll: &lastPoll, poll: { milliseconds in
                polls += 1
                if milliseconds > 0 { usleep(UInt32(milliseconds) * 1000) }
            }, shouldStop: { false })
            #expect((reached ?? 0) >= target)
        }
        #expect(polls > 0)
        let stopped = PacingSchedule.wait(until: 10_000_000, timeOrigin: MessageStamp.monotonicMicroseconds(), lastPoll: &lastPoll, poll: { _ in }, shouldStop: { true })
        #expect(stopped == nil)
    }

    @Test("--throughput 20k and 200k for 5 s: the achieved rate is the offered one ± 1 %", arguments: [20_000, 200_000])
    func achievedRate(rate: Int) throws {
        let cluster = try Self.cluster()
        let result = try ProduceBenchmark.run(Self.settings(cluster, rate: rate, seconds: 5))
        let pacing = try #require(result.pacing)
        #expect(result.allDelivered)
        #expect(pacing.offeredRecordsPerSecond == rate)
        #expect(abs(pacing.achievedRecordsPerSecond - Double(rate)) <= Double(rate) * 0.01, "\(pacing.rateLine)")
        #expect(abs(Double(result.sent) - Double(rate) * 5) <= Double(rate) * 0.05, "sent \(result.sent)")
        #expect(!pacing.saturated)
        #expect(pacing.rateLine.contains("kept up"))
        #expect(pacing.response.count == result.delivered && pacing.service.count == result.delivered)
        // Response time starts earlier than service time: never below it.
        #expect(pacing.response.p99Milliseconds >= pacing.service.p99Milliseconds)
    }

    @Test("a 1 s stall of every broker (RTT 300 ms) shows in the response time's p99; without it both stay low", arguments: [true, false])
    func stall(injected: Bool) throws {
        let cluster = try Self.cluster()
        if injected {
            let stall = Thread {
                Thread.sleep(forTimeInterval: 1)
                for broker in cluster.brokerIDs { try? cluster.setBrokerRoundTripTime(broker, milliseconds: 300) }
                Thread.sleep(forTimeInterval: 1)
                for broker in cluster.brokerIDs { try? cluster.setBrokerRoundTripTime(broker, milliseconds: 1) }
            }
            stall.start()
        }
        let result = try ProduceBenchmark.run(Self.settings(cluster, rate: 5_000, seconds: 3))
        let pacing = try #require(result.pacing)
        #expect(result.allDelivered)
        let document = ProduceReport.document(result)
        let table = try #require(document.sections.first { $0.id == "pacing" }?.tables.first)
        #expect(table.columns.map(\.header) == ["percentile", "service (ms)", "response (ms)"])
        print("stall \(injected): service p99 \(pacing.service.p99Milliseconds) ms, max \(pacing.service.maximumMilliseconds) ms; "
            + "response p99 \(pacing.response.p99Milliseconds) ms, max \(pacing.response.maximumMilliseconds) ms")
        if injected {
            #expect(pacing.response.p99Milliseconds >= 250, "\(pacing.response)")
            #expect(pacing.service.maximumMilliseconds >= 250, "the delayed responses are in the service time too: \(pacing.service)")
        } else {
            #expect(pacing.response.p99Milliseconds < 100, "\(pacing.response)")
            #expect(pacing.service.p99Milliseconds < 100, "\(pacing.service)")
        }
    }

    @Test("a sender held back by its in-flight window: service time hides the wait, response time counts it (coordinated omission)")
    func senderStall() throws {
        let cluster = try Self.cluster(roundTripMilliseconds: 20)
        var settings = Self.settings(cluster, rate: 50_000, seconds: 2)
        settings.window = .fixed(200)
        let result = try ProduceBenchmark.run(settings)
        let pacing = try #require(result.pacing)
        #expect(result.allDelivered)
        #expect(pacing.saturated)
        #expect(result.windowWaits > 0)
        #expect(pacing.service.p50Milliseconds < 100, "\(pacing.service)")
        #expect(pacing.response.p50Milliseconds > pacing.service.p50Milliseconds * 3, "service \(pacing.service), response \(pacing.response)")
    }

    // The pacing loop's cost per message is measured as a whole-process A/B of `kbench produce`
    // (README, "Two latencies at a fixed rate"), not timed in a test.
    @Test("a rate far above what the client does is saturated, said in plain words")
    func saturation() throws {
        let cluster = try Self.cluster(roundTripMilliseconds: 0)
        var settings = Self.settings(cluster, rate: 1_000_000_000, seconds: 1)
        settings.limit = .messages(100_000)
        let result = try ProduceBenchmark.run(settings)
        let pacing = try #require(result.pacing)
        #expect(pacing.saturated)
        #expect(pacing.rateLine.contains("SATURATED"))
        #expect(result.delivered == 100_000)
        // Response time = service time + the lag behind an always-due schedule.
        #expect(pacing.response.count == 100_000 && pacing.service.count == 100_000)
        #expect(pacing.response.p50Milliseconds >= pacing.service.p50Milliseconds)
        #expect(pacing.response.maximumMilliseconds >= pacing.service.maximumMilliseconds)
    }

    @Test("--producers 2 at 10k: two instances, their totals and one line each")
    func producers() throws {
        let cluster = try Self.cluster()
        let result = try ProduceBenchmark.run(Self.settings(cluster, rate: 10_000, seconds: 2, producers: 2))
        let pacing = try #require(result.pacing)
        #expect(result.allDelivered)
        #expect(result.producerLines.map(\.instance) == [1, 2])
        #expect(result.producerLines.reduce(0) { $0 + $1.sent } == result.sent)
        #expect(result.producerLines.allSatisfy { $0.pacing?.offeredRecordsPerSecond == 5_000 })
        #expect(abs(pacing.achievedRecordsPerSecond - 10_000) <= 100, "\(pacing.rateLine)")
        #expect(pacing.response.count == result.delivered)
        #expect(result.deliveredPerPartition.reduce(0, +) == result.delivered)
        #expect(ProduceReport.document(result).sections.contains { $0.id == "producers" })
    }
}
