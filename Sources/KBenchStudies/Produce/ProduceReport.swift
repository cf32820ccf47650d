import KBenchReports

/// Text and report model for `kbench produce` results: kafka-producer-perf-test's lines and a
/// ``ReportDocument`` (bytes on the wire, per-partition counts, the partition check, failures).
package enum ProduceReport {
    /// A progress window in kafka-producer-perf-test's format:
    /// `N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency.`
    package static func windowLine(_ window: ProduceWindow) -> String {
        "\(window.records) records sent, \(NumberText.fixed(window.recordsPerSecond, places: 1)) records/sec "
            + "(\(NumberText.fixed(window.megabytesPerSecond, places: 2)) MB/sec), "
            + "\(NumberText.fixed(window.averageLatencyMilliseconds, places: 1)) ms avg latency, "
            + "\(NumberText.fixed(window.maximumLatencyMilliseconds, places: 1)) ms max latency."
    }

    /// The final line exactly as kafka-producer-perf-test prints it (`%d records sent, %f
    /// records/sec (%.2f MB/sec), %.2f ms avg latency, %.2f ms max latency, %d ms 50th, %d ms
    /// 95th, %d ms 99th, %d ms 99.9th.`; MB = 1024 × 1024 bytes, percentiles in whole ms).
    package static func totalLine(_ result: ProduceResult) -> String {
        let latency = result.latency
        func whole(_ milliseconds: Double) -> String { String(Int(milliseconds.rounded(.down))) }
        return "\(result.delivered) records sent, \(NumberText.fixed(result.recordsPerSecond, places: 6)) records/sec "
            + "(\(NumberText.fixed(result.megabytesPerSecond, places: 2)) MB/sec), "
            + "\(NumberText.fixed(latency.averageMilliseconds, places: 2)) ms avg latency, "
            + "\(NumberText.fixed(latency.maximumMilliseconds, places: 2)) ms max latency, "
            + "\(whole(latency.p50Milliseconds)) ms 50th, \(whole(latency.p95Milliseconds)) ms 95th, "
            + "\(whole(latency.p99Milliseconds)) ms 99th, \(whole(latency.p999Milliseconds)) ms 99.9th."
    }

    /// One line on the partition check: `partitions: 100000 of 100000 as java predicts (0 mismatches)`.
    package static func checkLine(_ check: PartitionCheck) -> String {
        guard let strategy = check.strategy else { return "partitions: no prediction for this partitioner" }
        if check.checked == 0 {
            return "partitions: \(strategy) is not predictable per record for these messages (\(check.notPredictable) placed by sticky/random/round-robin state)"
        }
        var line = "partitions: \(check.matched) of \(check.checked) as \(strategy) predicts, \(check.mismatched) mismatches"
        if check.notPredictable > 0 { line += "; \(check.notPredictable) not predictable per record (null/empty keys)" }
        return line
    }

    /// The run as a report document (`id` `produce`).
    /// `transactionCost`: with `--transactional-id`, the cost against the same run without transactions.
    package static func document(
        _ result: ProduceResult, parameters extra: [ReportFact] = [], transactionCost: TransactionCost? = nil
    ) -> ReportDocument {
        let latency = result.latency
        var parameters: [ReportFact] = [
            ReportFact("topic", .text(result.topic)),
            ReportFact("partitions", .integer(Int64(result.partitionCount))),
            ReportFact("partitioner", .text(result.partitioner)),
            ReportFact("keys", .text(result.keys)),
            ReportFact("values", .text(result.values)),
        ]
        parameters += extra
        let summary = ReportSection(
            id: "summary", title: "Throughput and latency",
            paragraphs: [totalLine(result)],
            facts: [
                ReportFact("sent", .integer(Int64(result.sent))),
                ReportFact("delivered", .integer(Int64(result.delivered))),
                ReportFact("failed", .integer(Int64(result.failed))),
                ReportFact("elapsed", .number(result.elapsedSeconds), format: .duration),
                ReportFact("records/s", .number(result.recordsPerSecond), format: .decimal(places: 1)),
                ReportFact("MB/s (MiB)", .number(result.megabytesPerSecond), format: .decimal(places: 2)),
                ReportFact("avg latency (ms)", .number(latency.averageMilliseconds), format: .decimal(places: 2)),
                ReportFact("max latency (ms)", .number(latency.maximumMilliseconds), format: .decimal(places: 2)),
                ReportFact("p50 latency (ms)", .number(latency.p50Milliseconds), format: .decimal(places: 3)),
                ReportFact("p95 latency (ms)", .number(latency.p95Milliseconds), format: .decimal(places: 3)),
                ReportFact("p99 latency (ms)", .number(latency.p99Milliseconds), format: .decimal(places: 3)),
                ReportFact("p99.9 latency (ms)", .number(latency.p999Milliseconds), format: .decimal(places: 3)),
                ReportFact("queue-full waits", .integer(Int64(result.queueFullWaits))),
                ReportFact("in-flight window", .text(result.window)),
                ReportFact("window waits", .integer(Int64(result.windowWaits))),
            ])
        var partitions = ReportTable(id: "partitions", title: "Delivered per partition", columns: [
            ReportColumn("partition", format: .integer),
            ReportColumn("delivered", format: .integer),
            ReportColumn("share", format: .percent(places: 2)),
        ])
        for (partition, count) in result.deliveredPerPartition.enumerated() {
            partitions.addRow([.integer(Int64(partition)), .integer(Int64(count)),
                               result.delivered > 0 ? .number(Double(count) / Double(result.delivered)) : .missing])
        }
        var mismatches = ReportTable(id: "mismatches", title: "Partition mismatches (first examples)", columns: [
            ReportColumn("key"), ReportColumn("predicted", format: .integer), ReportColumn("delivered", format: .integer),
        ])
        for example in result.check.examples {
            mismatches.addRow([.text(example.key), .integer(Int64(example.predicted)), .integer(Int64(example.delivered))])
        }
        let check = result.check
        let checkSection = ReportSection(
            id: "partition-check", title: "Delivered partitions against kbench's prediction",
            paragraphs: [checkLine(check)],
            facts: [
                ReportFact("strategy", ReportValue(check.strategy)),
                ReportFact("checked", .integer(Int64(check.checked))),
                ReportFact("matched", .integer(Int64(check.matched))),
                ReportFact("mismatched", .integer(Int64(check.mismatched))),
                ReportFact("not predictable per record", .integer(Int64(check.notPredictable))),
            ],
            tables: [partitions] + (check.examples.isEmpty ? [] : [mismatches]))
        var failures = ReportTable(id: "failures", title: "Delivery failures", columns: [
            ReportColumn("error"), ReportColumn("count", format: .integer), ReportColumn("message"),
        ])
        for failure in result.failures {
            failures.addRow([.text(failure.error), .integer(Int64(failure.count)), .text(failure.message)])
        }
        let failureSection = ReportSection(
            id: "failures", title: "Delivery failures",
            paragraphs: result.failures.isEmpty
                ? ["every message sent was delivered"]
                : ["\(result.failed) of \(result.sent) messages were NOT delivered"],
            tables: result.failures.isEmpty ? [] : [failures])
        var sections = [summary]
        if let transactions = result.transactions { sections.append(transactionsSection(transactions, cost: transactionCost)) }
        if let pacing = result.pacing { sections.append(pacingSection(pacing)) }
        if !result.producerLines.isEmpty { sections.append(producersSection(result.producerLines)) }
        if let endToEnd = result.endToEnd { sections.append(endToEndSection(endToEnd)) }
        if let endToEnd = result.endToEnd, let backlog = endToEnd.backlog { sections.append(backlogSection(backlog, endToEnd: endToEnd)) }
        if let wire = result.wire { sections.append(wireSection(wire)) }
        sections += [checkSection, failureSection]
        if !result.notes.isEmpty {
            sections.append(ReportSection(id: "notes", title: "Notes", paragraphs: result.notes))
        }
        return ReportDocument(
            id: "produce", title: "kbench produce: \(result.topic)",
            parameters: parameters, sections: sections)
    }
}
