import KBenchReports

extension ProduceReport {
    /// `transactions: 12 committed (1200 records), 6 aborted (600 records), 100.0 records per transaction (every 100 records, every 3rd aborted)`.
    package static func transactionsLine(_ result: TransactionResult) -> String {
        var line = "transactions: \(result.committed) committed (\(result.committedRecords) records), "
            + "\(result.aborted) aborted (\(result.abortedRecords) records), "
            + "\(NumberText.fixed(result.recordsPerTransaction, places: 1)) records per transaction (\(result.boundary)"
        if let abortEvery = result.abortEvery { line += ", every \(abortEvery == 1 ? "" : ordinal(abortEvery) + " ")transaction aborted" }
        return line + ")"
    }

    /// `transactions cost: throughput 0.93×, p50 1.10×, p99 1.40× (…)`.
    package static func transactionCostLine(_ cost: TransactionCost) -> String {
        "transactions cost: throughput \(NumberText.fixed(cost.throughputRatio, places: 2))×, "
            + "p50 \(NumberText.fixed(cost.p50Ratio, places: 2))×, p99 \(NumberText.fixed(cost.p99Ratio, places: 2))× "
            + "(\(NumberText.fixed(cost.transactionalRecordsPerSecond, places: 1)) against \(NumberText.fixed(cost.plainRecordsPerSecond, places: 1)) records/s, "
            + "p99 \(NumberText.fixed(cost.transactionalP99Milliseconds, places: 3)) against \(NumberText.fixed(cost.plainP99Milliseconds, places: 3)) ms; "
            + "the same run without transactions, \(cost.rounds) round\(cost.rounds == 1 ? "" : "s") interleaved)"
    }

    /// One line of commit or abort latency percentiles.
    static func transactionLatencyLine(_ what: String, _ latency: LatencyPercentiles) -> String {
        "\(what) latency: "
            + latency.figures.map { "\($0.label) \(NumberText.fixed($0.milliseconds, places: 3)) ms" }.joined(separator: ", ")
            + " (\(latency.count) \(what)s)"
    }

    /// The `transactions` section: counts, commit and abort latency and, when measured, the cost.
    package static func transactionsSection(_ result: TransactionResult, cost: TransactionCost? = nil) -> ReportSection {
        var paragraphs = [transactionsLine(result)]
        if let cost { paragraphs.append(transactionCostLine(cost)) }
        paragraphs.append(transactionLatencyLine("commit", result.commitLatency))
        if result.aborted > 0 { paragraphs.append(transactionLatencyLine("abort", result.abortLatency)) }
        paragraphs.append("commit (abort) latency = rd_kafka_commit_transaction (rd_kafka_abort_transaction) once every record of the "
            + "transaction was acknowledged: EndTxn and the markers, not the flush before it")
        if let failure = result.failure { paragraphs.append("transactions stopped early: \(failure)") }
        var facts = [
            ReportFact("transactional id", .text(result.transactionalID)),
            ReportFact("transactions", .text(result.boundary)),
            ReportFact("committed", .integer(Int64(result.committed))),
            ReportFact("aborted", .integer(Int64(result.aborted))),
            ReportFact("committed records", .integer(Int64(result.committedRecords))),
            ReportFact("aborted records", .integer(Int64(result.abortedRecords))),
            ReportFact("records per transaction", .number(result.recordsPerTransaction), format: .decimal(places: 1)),
        ]
        facts += result.commitLatency.figures.map { ReportFact("commit \($0.label) (ms)", .number($0.milliseconds), format: .decimal(places: 3)) }
        facts += result.abortLatency.figures.map { ReportFact("abort \($0.label) (ms)", .number($0.milliseconds), format: .decimal(places: 3)) }
        if let cost {
            facts += [
                ReportFact("records/s without transactions", .number(cost.plainRecordsPerSecond), format: .decimal(places: 1)),
                ReportFact("records/s with transactions", .number(cost.transactionalRecordsPerSecond), format: .decimal(places: 1)),
                ReportFact("throughput ratio", .number(cost.throughputRatio), format: .decimal(places: 3)),
                ReportFact("p50 without transactions (ms)", .number(cost.plainP50Milliseconds), format: .decimal(places: 3)),
                ReportFact("p50 with transactions (ms)", .number(cost.transactionalP50Milliseconds), format: .decimal(places: 3)),
                ReportFact("p50 ratio", .number(cost.p50Ratio), format: .decimal(places: 3)),
                ReportFact("p99 without transactions (ms)", .number(cost.plainP99Milliseconds), format: .decimal(places: 3)),
                ReportFact("p99 with transactions (ms)", .number(cost.transactionalP99Milliseconds), format: .decimal(places: 3)),
                ReportFact("p99 ratio", .number(cost.p99Ratio), format: .decimal(places: 3)),
                ReportFact("comparison rounds", .integer(Int64(cost.rounds))),
            ]
        }
        return ReportSection(id: "transactions", title: "Transactions", paragraphs: paragraphs, facts: facts)
    }

    /// `2nd`, `3rd`, `11th`.
    private static func ordinal(_ number: Int) -> String {
        let suffix = (11...13).contains(number % 100) ? "th" : ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][number % 10]
        return "\(number)\(suffix)"
    }
}
