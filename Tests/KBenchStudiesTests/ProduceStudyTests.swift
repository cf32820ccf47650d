import KafkaLive
import KafkaLiveTestSupport
import KBenchReports
import KBenchStudies
import Testing

@Suite("Producer studies through the engine on the embedded cluster: rate steps and a 2×2 sweep", .serialized)
struct ProduceStudyTests {
    /// A point of `rate` records/s for `milliseconds` on `cluster`, on `topic`.
    static func point(_ label: String, _ cluster: MockCluster, topic: String, rate: ProduceThroughput, milliseconds: Int,
                      properties: [String: String] = [:]) -> StudyPoint {
        var configuration = cluster.clientConfiguration
        for (property, value) in properties { configuration = configuration.setting(property, value) }
        return StudyPoint(label: label, settings: ProduceSettings(
            topic: topic, limit: .duration(.milliseconds(milliseconds)), configuration: configuration, partitions: 6,
            mockCluster: cluster, connectTimeout: .seconds(10), flushTimeout: .seconds(20), throughput: rate))
    }

    @Test("rate steps: each step paced at its rate on one topic; response time beside service time; max has none; the report marks a knee")
    func steps() throws {
        let cluster = try MockCluster(brokers: 3)
        let topic = Live.topic("steps")
        let points = [
            Self.point("2k", cluster, topic: topic, rate: .fixed(recordsPerSecond: 2_000), milliseconds: 500),
            Self.point("8k", cluster, topic: topic, rate: .fixed(recordsPerSecond: 8_000), milliseconds: 500),
            Self.point("max", cluster, topic: topic, rate: .max, milliseconds: 300),
        ]
        var progress: [StudyProgress] = []
        let figures = try ProduceStudy.run(points, rounds: 1) { progress.append($0) }.map(StudyFigures.init)
        #expect(progress.map(\.run) == [1, 2, 3] && progress.allSatisfy { $0.runs == 3 })
        #expect(figures.map(\.label) == ["2k", "8k", "max"])
        for (figure, rate) in zip(figures.prefix(2), [2_000.0, 8_000.0]) {
            #expect(abs(figure.achievedRecordsPerSecond - rate) < rate * 0.02, "\(figure.achievedRecordsPerSecond)")
            #expect(figure.delivered == figure.sent && figure.failed == 0)
            let response = try #require(figure.response)
            #expect(response.count == figure.delivered && response.p99Milliseconds >= figure.service.p99Milliseconds * 0.999)
            #expect(figure.cpuSeconds > 0 && figure.wireBytes ?? 0 > 0)
        }
        #expect(figures[2].response == nil && figures[2].achievedRecordsPerSecond > 8_000)
        let document = ProduceStudyReport.document(.steps, figures: figures, rounds: 1, targetMilliseconds: 1_000, parameters: [])
        let table = try #require(document.sections.first?.tables.first)
        #expect(table.rows.count == 3)
        #expect(document.sections.first?.paragraphs.contains { $0.hasPrefix("knee: ") && !$0.hasPrefix("knee: none") } == true)
        #expect(document.allCharts.count == 1)
    }

    @Test("a 2×2 sweep repeated twice: four rows, each two runs merged (counts add up), a front and a recommendation")
    func sweep() throws {
        let cluster = try MockCluster(brokers: 3)
        let topic = Live.topic("sweep")
        let plan = try SweepPlan(parsing: ["linger-ms=0,20", "compression=none,lz4"])
        let points = plan.combinations.map {
            Self.point($0.label, cluster, topic: topic, rate: .fixed(recordsPerSecond: 4_000), milliseconds: 300, properties: $0.properties)
        }
        var order: [String] = []
        let figures = try ProduceStudy.run(points, rounds: 2) { order.append($0.label) }.map(StudyFigures.init)
        #expect(order == plan.combinations.map(\.label) + plan.combinations.map(\.label))
        #expect(figures.count == 4)
        for figure in figures {
            #expect(figure.runs == 2)
            #expect(figure.service.count == figure.delivered && figure.delivered == figure.sent)
            #expect(figure.response?.count == figure.delivered)
            #expect(figure.rateSpread.lowerBound <= figure.achievedRecordsPerSecond + 0.001
                && figure.achievedRecordsPerSecond <= figure.rateSpread.upperBound + 0.001)
        }
        // With batches of several records, lz4 shrinks the repeated A–Z value on the wire.
        let none = try #require(figures[2].wireRatio), lz4 = try #require(figures[3].wireRatio)
        #expect(lz4 > none)
        let document = ProduceStudyReport.document(.sweep, figures: figures, rounds: 2, targetMilliseconds: 10_000, parameters: [])
        let section = try #require(document.sections.first)
        #expect(section.paragraphs.contains { $0.hasPrefix("recommended: ") && !$0.hasPrefix("recommended: none") })
        let marks = section.tables[0].rows.compactMap { $0.last?.textValue }
        #expect(marks.contains { $0.contains("front") } && marks.filter { $0.contains("recommended") }.count == 1)
    }
}
