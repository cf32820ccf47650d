import Foundation
import KafkaLive
import KafkaLiveTestSupport
import KBenchReports
import KBenchStudies
import Testing

@Suite("A producer run's mergeable record: the histograms behind its figures, its UTC window", .serialized)
struct ProduceRunRecordTests {
    /// The run's record, written as `kbench produce --format json` writes it and read back.
    static func roundTrip(_ result: ProduceResult, settings: ProduceSettings) throws -> ProduceRun {
        let run = try #require(ProduceRun(result, settings: ProduceRunSettings(result, settings: settings, properties: [:], cluster: "embedded"), host: "h"))
        let text = try JSONReportRenderer().render(ProduceReport.document(result), attaching: run, as: ProduceRun.jsonKey)
        let read = try ProduceRunFile.decode(Data(text.utf8), file: "run.json")
        #expect(read == run)
        return read
    }

    @Test("an unpaced run: its service histogram gives the report's percentiles; no response histogram")
    func unpaced() throws {
        let cluster = try ProducePacingTests.cluster()
        let settings = ProduceSettings(
            topic: Live.topic("record"), limit: .messages(5_000), configuration: cluster.clientConfiguration,
            partitions: 6, mockCluster: cluster)
        let before = Date()
        let result = try ProduceBenchmark.run(settings)
        let run = try Self.roundTrip(result, settings: settings)
        let service = run.histograms.service.histogram
        #expect(service.totalCount == 5_000)
        #expect(LatencyPercentiles(service).p99Milliseconds == result.latency.p99Milliseconds)
        #expect(LatencyPercentiles(service).p50Milliseconds == result.latency.p50Milliseconds)
        #expect(run.histograms.response == nil && run.histograms.endToEnd == nil)
        #expect(run.counts == ProduceRunCounts(sent: 5_000, delivered: 5_000, failed: 0, deliveredBytes: 500_000))
        let window = try #require(result.wallClock)
        #expect(abs(window.seconds - result.elapsedSeconds) <= 0.001)
        #expect(window.startMilliseconds >= Int64(before.timeIntervalSince1970 * 1000) - 1)
        #expect(window.endMilliseconds <= Int64(Date().timeIntervalSince1970 * 1000) + 1)
        #expect(run.settings.limit == "5000 messages" && run.settings.offeredRecordsPerSecond == nil)
    }

    @Test("a paced run of two producers: merged service and response histograms give the pacing figures")
    func pacedProducers() throws {
        let cluster = try ProducePacingTests.cluster()
        let settings = ProducePacingTests.settings(cluster, rate: 2_000, seconds: 1, producers: 2)
        let result = try ProduceBenchmark.run(settings)
        let run = try Self.roundTrip(result, settings: settings)
        let pacing = try #require(result.pacing)
        #expect(LatencyPercentiles(run.histograms.service.histogram) == pacing.service)
        #expect(LatencyPercentiles(try #require(run.histograms.response).histogram) == pacing.response)
        #expect(run.histograms.service.histogram.totalCount == UInt64(result.delivered))
        #expect(run.settings.offeredRecordsPerSecond == 2_000 && run.settings.producers == 2)
        #expect(run.parts.count == 1 && run.parts[0].p99Milliseconds == pacing.response.p99Milliseconds)
    }

    @Test("an end-to-end run carries the histogram behind its end-to-end percentiles")
    func endToEnd() throws {
        let cluster = try ProducePacingTests.cluster()
        let settings = ProduceSettings(
            topic: Live.topic("record-e2e"), limit: .messages(2_000), configuration: cluster.clientConfiguration,
            partitions: 3, mockCluster: cluster, endToEnd: EndToEndSettings())
        let result = try ProduceBenchmark.run(settings)
        let run = try Self.roundTrip(result, settings: settings)
        let endToEnd = try #require(result.endToEnd)
        #expect(LatencyPercentiles(try #require(run.histograms.endToEnd).histogram) == endToEnd.latency)
        #expect(run.histograms.endToEnd?.histogram.totalCount == UInt64(endToEnd.latency.count))
        #expect(run.settings.endToEnd)
    }
}
