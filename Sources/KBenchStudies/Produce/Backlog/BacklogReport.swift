import KafkaLive
import KBenchReports

extension ProduceReport {
    /// One line on the drain: `backlog: 4 MiB (41943 records) built in 2.1 s, drained in 0.4 s at
    /// 104857.6 records/s (10.0 MB/s) read, net 84857.6 records/s (8.1 MB/s) above the producer`.
    package static func backlogLine(_ backlog: BacklogResult) -> String {
        let built = "backlog: \(backlog.builtBytes) value bytes (\(backlog.builtRecords) records) built in "
            + "\(NumberText.fixed(backlog.buildSeconds, places: 3)) s"
        let rates = "\(NumberText.fixed(backlog.consumerRecordsPerSecond, places: 1)) records/s "
            + "(\(NumberText.fixed(backlog.consumerMegabytesPerSecond, places: 2)) MB/s) read, net "
            + "\(NumberText.fixed(backlog.netRecordsPerSecond, places: 1)) records/s "
            + "(\(NumberText.fixed(backlog.netMegabytesPerSecond, places: 2)) MB/s) above the producer"
        let drain = backlog.drained
            ? "drained in \(NumberText.fixed(backlog.drainSeconds, places: 3)) s"
                + (backlog.drainedWhileProducing ? "" : " (after sending had ended)")
            : "NOT drained: still behind after \(NumberText.fixed(backlog.drainSeconds, places: 3)) s of reading"
        let first = backlog.firstRecordSeconds.map {
            "; first record \(NumberText.fixed($0 * 1000, places: 1)) ms after the resume, then "
                + "\(NumberText.fixed(backlog.readingRecordsPerSecond, places: 1)) records/s "
                + "(\(NumberText.fixed(backlog.readingMegabytesPerSecond, places: 2)) MB/s) read"
        } ?? ""
        return "\(built), \(drain) at \(rates)\(first)"
    }

    /// The `backlog` section of a `--backlog` run: the backlog built, the drain, the
    /// end-to-end latency while draining against the steady state, and the lag over time.
    static func backlogSection(_ backlog: BacklogResult, endToEnd: EndToEndResult) -> ReportSection {
        var paragraphs = [
            backlogLine(backlog),
            "the consumers were paused (rd_kafka_pause_partitions) until \(backlog.requestedBytes) value bytes were delivered, then resumed "
                + "while producing went on; drained = at most \(backlog.drainedLagRecords) records behind the delivered ones "
                + "(OpenMessaging Benchmark's threshold); drain rates are over the drain: read (consumer), delivered (producer), "
                + "net = consumer − producer; resumed = rd_kafka_resume_partitions and a seek to the same offsets, which wakes "
                + "librdkafka 2.0.2's broker threads (resumed alone, a partition is fetched when its broker thread next wakes: up to 1 s later)",
        ]
        if !backlog.reached {
            paragraphs.append("sending ended before the backlog was built: \(backlog.builtBytes) of \(backlog.requestedBytes) bytes; "
                + "the consumers were resumed then")
        }
        if let retained = backlog.embeddedRetainedBytes {
            paragraphs.append("embedded mock cluster: these are librdkafka's in-process mock brokers' figures, not a Kafka cluster's; "
                + "it keeps \(retained) bytes of this topic (\(MockCluster.retentionDescription))")
            if endToEnd.droppedByCluster > 0 {
                paragraphs.append("WARNING: the embedded cluster dropped \(endToEnd.droppedByCluster) records before they were read "
                    + "(the backlog and what came meanwhile outgrew what it keeps): they count as read in the drain, not as missing")
            }
        }
        var facts = [
            ReportFact("backlog asked (bytes)", .integer(Int64(backlog.requestedBytes)), format: .bytes),
            ReportFact("backlog built (bytes)", .integer(Int64(backlog.builtBytes)), format: .bytes),
            ReportFact("backlog built (records)", .integer(Int64(backlog.builtRecords))),
            ReportFact("build time", .number(backlog.buildSeconds), format: .duration),
            ReportFact("drained", .text(backlog.drained ? (backlog.drainedWhileProducing ? "yes" : "yes, after sending ended") : "no")),
            ReportFact("drain time", .number(backlog.drainSeconds), format: .duration),
            ReportFact("drain read records/s", .number(backlog.consumerRecordsPerSecond), format: .decimal(places: 1)),
            ReportFact("drain read MB/s", .number(backlog.consumerMegabytesPerSecond), format: .decimal(places: 2)),
            ReportFact("resume to first record (ms)", backlog.firstRecordSeconds.map { .number($0 * 1000) } ?? .missing, format: .decimal(places: 1)),
            ReportFact("read records/s from first record", .number(backlog.readingRecordsPerSecond), format: .decimal(places: 1)),
            ReportFact("read MB/s from first record", .number(backlog.readingMegabytesPerSecond), format: .decimal(places: 2)),
            ReportFact("drain produced records/s", .number(backlog.producerRecordsPerSecond), format: .decimal(places: 1)),
            ReportFact("drain net records/s", .number(backlog.netRecordsPerSecond), format: .decimal(places: 1)),
            ReportFact("drain net MB/s", .number(backlog.netMegabytesPerSecond), format: .decimal(places: 2)),
        ]
        for (label, latency) in [("drain", endToEnd.drainLatency), ("steady", endToEnd.steadyLatency)] {
            guard let latency else { continue }
            paragraphs.append("\(label) " + endToEndLatencyLine(latency.percentiles))
            facts.append(ReportFact("\(label) e2e avg latency (ms)", .number(latency.averageMilliseconds), format: .decimal(places: 3)))
            facts += latency.percentiles.figures.map {
                ReportFact("\(label) e2e \($0.label) latency (ms)", .number($0.milliseconds), format: .decimal(places: 3))
            }
        }
        return ReportSection(id: "backlog", title: "Backlog drain (OpenMessaging Benchmark's backlog test)",
                             paragraphs: paragraphs, facts: facts, tables: [lagTable(backlog.samples)])
    }

    private static func lagTable(_ samples: [BacklogLagSample]) -> ReportTable {
        var table = ReportTable(id: "backlog-lag", title: "Lag over time (each progress interval and each phase change)", columns: [
            ReportColumn("seconds", format: .decimal(places: 3)),
            ReportColumn("phase"),
            ReportColumn("delivered", format: .integer),
            ReportColumn("consumed", format: .integer),
            ReportColumn("lag_records", header: "lag (records)", format: .integer),
            ReportColumn("lag_bytes", header: "lag (value bytes)", format: .integer),
            ReportColumn("produced_per_second", header: "produced/s", format: .decimal(places: 1)),
            ReportColumn("consumed_per_second", header: "consumed/s", format: .decimal(places: 1)),
        ])
        for sample in samples {
            table.addRow([
                .number(sample.seconds), .text(sample.phase.rawValue), .integer(Int64(sample.delivered)), .integer(Int64(sample.consumed)),
                .integer(Int64(sample.lagRecords)), .integer(Int64(sample.lagBytes)),
                .number(Rate.perSecond(sample.deliveredInWindow, over: sample.windowSeconds)),
                .number(Rate.perSecond(sample.consumedInWindow, over: sample.windowSeconds)),
            ])
        }
        return table
    }
}
