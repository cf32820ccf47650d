import KBenchReports

extension ProduceReport {
    /// What the two latencies of a fixed-rate run mean, for the report and `--help`.
    package static let latencyMeanings = [
        "service time = enqueue → delivery report (what kafka-producer-perf-test reports)",
        "response time = the message's intended send time on the fixed-rate schedule → delivery report: "
            + "a stall of the sender, of librdkafka's queue or of a broker counts against every message that should have gone out during it",
    ]

    /// The fixed-rate section (`id` `pacing`): offered against achieved rate, saturation, and
    /// service against response time, percentile by percentile.
    static func pacingSection(_ pacing: ProducePacing) -> ReportSection {
        var table = ReportTable(id: "latency", title: "Service and response time (HdrHistogram)", columns: [
            ReportColumn("percentile"),
            ReportColumn("service_ms", header: "service (ms)", format: .decimal(places: 3)),
            ReportColumn("response_ms", header: "response (ms)", format: .decimal(places: 3)),
        ], notes: latencyMeanings)
        for (service, response) in zip(pacing.service.figures, pacing.response.figures) {
            table.addRow([.text(service.label), .number(service.milliseconds), .number(response.milliseconds)])
        }
        return ReportSection(
            id: "pacing", title: "Fixed rate",
            paragraphs: [pacing.rateLine],
            facts: [
                ReportFact("offered records/s", .integer(Int64(pacing.offeredRecordsPerSecond))),
                ReportFact("achieved records/s", .number(pacing.achievedRecordsPerSecond), format: .decimal(places: 1)),
                ReportFact("saturated", .text(pacing.saturated ? "yes" : "no")),
            ],
            tables: [table])
    }

    /// The per-producer section (`id` `producers`) of a run with several instances.
    static func producersSection(_ lines: [ProducerLine]) -> ReportSection {
        var table = ReportTable(id: "producers", title: "Per producer", columns: [
            ReportColumn("producer", format: .integer),
            ReportColumn("sent", format: .integer),
            ReportColumn("delivered", format: .integer),
            ReportColumn("records_per_second", header: "records/s", format: .decimal(places: 1)),
            ReportColumn("offered_per_second", header: "offered records/s", format: .integer),
            ReportColumn("achieved_per_second", header: "achieved records/s", format: .decimal(places: 1)),
            ReportColumn("service_p99_ms", header: "service p99 (ms)", format: .decimal(places: 3)),
            ReportColumn("response_p99_ms", header: "response p99 (ms)", format: .decimal(places: 3)),
        ])
        for line in lines {
            table.addRow([
                .integer(Int64(line.instance)), .integer(Int64(line.sent)), .integer(Int64(line.delivered)),
                .number(line.recordsPerSecond),
                line.pacing.map { .integer(Int64($0.offeredRecordsPerSecond)) } ?? .missing,
                line.pacing.map { .number($0.achievedRecordsPerSecond) } ?? .missing,
                .number(line.p99Milliseconds),
                line.pacing.map { .number($0.response.p99Milliseconds) } ?? .missing,
            ])
        }
        return ReportSection(
            id: "producers", title: "Producer instances",
            paragraphs: ["\(lines.count) librdkafka producer instances, each on its own thread; the figures above are their totals (latency histograms merged)"],
            tables: [table])
    }
}
