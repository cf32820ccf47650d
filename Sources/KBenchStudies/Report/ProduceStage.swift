import KafkaLive
import KBenchReports

/// The produce stage of a report: the plan's rate ladder and settings sweep, each a
/// ``ProduceStudy`` of librdkafka producing to an embedded mock cluster started for the stage,
/// their ``ProduceStudyReport`` documents joined into one `produce` report labelled as the
/// client side only.
struct ProduceStage {
    let plan: ProduceStagePlan

    /// Said at the top of the report (and so in index.html).
    static let clientSideOnly = "Client side only: librdkafka \(LibrdkafkaVersion.current) producing to its mock cluster "
        + "in this process (no network, no disk, not a Kafka broker). The figures rank producer settings on this machine; "
        + "they are not a Kafka cluster's throughput or latency."

    /// Runs both studies and returns the joined document and the number of runs.
    func document(progress: ReportRunner.ProgressFactory) throws(ReportRunError) -> (document: ReportDocument, runs: Int) {
        let sweep: SweepPlan
        do { sweep = try SweepPlan(parsing: plan.sweep) } catch { throw .stageFailed(.produce, error.description) }
        let cluster: MockCluster
        do {
            cluster = try MockCluster(brokers: plan.brokers)
            for broker in cluster.brokerIDs { try cluster.setBrokerRoundTripTime(broker, milliseconds: plan.roundTripMilliseconds) }
        } catch {
            throw .stageFailed(.produce, "cannot start the embedded cluster: \(error)")
        }
        let values = ValuePool.corpus(plan.corpus, seed: plan.seed)
        func settings(_ rate: ProduceThroughput, _ duration: Duration) -> ProduceSettings {
            ProduceSettings(
                topic: "kbench-report-produce", limit: .duration(duration), values: values,
                configuration: cluster.clientConfiguration, partitions: plan.partitions, mockCluster: cluster,
                connectTimeout: .seconds(10), flushTimeout: .seconds(30), reportInterval: .seconds(3600), throughput: rate)
        }
        let steps = plan.rateSteps.map { StudyPoint(label: $0.description, settings: settings($0, plan.stepDuration)) }
        let combinations = sweep.combinations.map { combination in
            var settings = settings(plan.sweepRate, plan.sweepDuration)
            for (property, value) in combination.properties { settings.configuration = settings.configuration.setting(property, value) }
            return StudyPoint(label: combination.label, settings: settings, properties: combination.properties)
        }
        let stepFigures = try study(steps, name: "produce steps", progress: progress)
        let sweepFigures = try study(combinations, name: "produce sweep", progress: progress)
        withExtendedLifetime(cluster) {}
        let parts = [
            ReportDocumentPart(id: "steps", title: "Rate steps", summary: "Latency against throughput: each step offers its rate "
                + "for \(ProduceLimit.duration(plan.stepDuration)); the knee is the highest step that kept up with a p99 within the threshold.",
                document: ProduceStudyReport.document(.steps, figures: stepFigures, rounds: plan.rounds, targetMilliseconds: nil, parameters: [
                    ReportFact("rate steps", .text(plan.rateSteps.map(\.description).joined(separator: ", "))),
                    ReportFact("duration per step (s)", .number(plan.stepDuration.seconds), format: .decimal(places: 1)),
                ])),
            ReportDocumentPart(id: "sweep", title: "Settings sweep", summary: "linger.ms × compression at \(plan.sweepRate) "
                + "for \(ProduceLimit.duration(plan.sweepDuration)) per combination: the Pareto front of throughput, p99 and CPU per record, and the recommendation on it.",
                document: ProduceStudyReport.document(.sweep, figures: sweepFigures, rounds: plan.rounds, targetMilliseconds: nil, parameters: [
                    ReportFact("sweep", .text(plan.sweep.joined(separator: " "))),
                    ReportFact("rate", .text(plan.sweepRate.description)),
                    ReportFact("duration per combination (s)", .number(plan.sweepDuration.seconds), format: .decimal(places: 1)),
                ])),
        ]
        var document = ReportDocument.joining(
            parts, id: "produce", title: "Producer, client side only: rate steps and linger.ms × compression on the embedded cluster",
            parameters: parameters(sweep))
        document.paragraphs = [Self.clientSideOnly]
        return (document, (steps.count + combinations.count) * plan.rounds)
    }

    /// One study, its progress bar counting runs; undelivered messages fail the stage.
    func study(_ points: [StudyPoint], name: String, progress: ReportRunner.ProgressFactory) throws(ReportRunError) -> [StudyFigures] {
        let bar = progress(name, points.count * plan.rounds, "runs")
        defer { bar?.finish() }
        let figures: [StudyFigures]
        do {
            figures = try ProduceStudy.run(points, rounds: plan.rounds) { bar?.update(completed: $0.run - 1) }.map(StudyFigures.init)
        } catch {
            throw .stageFailed(.produce, "\(name): \(error)")
        }
        let failed = figures.reduce(0) { $0 + $1.failed }
        if failed > 0 {
            throw .stageFailed(.produce, "\(name): \(failed) of \(figures.reduce(0) { $0 + $1.sent }) messages were not delivered")
        }
        return figures
    }

    /// The report's parameters: where it ran and what it sent.
    func parameters(_ sweep: SweepPlan) -> [ReportFact] {
        [
            ReportFact("cluster", .text("embedded librdkafka mock cluster: \(plan.brokers) brokers in this process, each answering "
                + "\(plan.roundTripMilliseconds) ms late (as kbench produce --embedded-rtt); no network, no disk; not a Kafka broker")),
            ReportFact("librdkafka", .text(LibrdkafkaVersion.current)),
            ReportFact("topic partitions", .integer(Int64(plan.partitions))),
            ReportFact("keys", .text("null (librdkafka's default partitioner)")),
            ReportFact("values", .text("corpus \(plan.corpus) (seed \(plan.seed))")),
            ReportFact("rounds", .integer(Int64(plan.rounds))),
            ReportFact("runs", .integer(Int64((plan.rateSteps.count + sweep.combinations.count) * plan.rounds))),
        ]
    }
}
