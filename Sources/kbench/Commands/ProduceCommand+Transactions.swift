import ArgumentParser
import KafkaLive
import KBenchReports
import KBenchStudies

/// `kbench produce --transactional-id ID`: the options of transactional producing.
struct TransactionOptions: ParsableArguments {
    /// kafka-producer-perf-test's default transaction length (`--transaction-duration-ms`).
    static let defaultDurationMilliseconds = 3_000

    @Option(name: .customLong("transactional-id"), help: ArgumentHelp("Produce in transactions with this transactional.id (needs acks all), committed per --transaction-duration (default 3s, kafka-producer-perf-test's) or --transaction-records, and compare with the same run without transactions.", valueName: "id"))
    var transactionalID: String?

    @Option(name: .customLong("transaction-duration"), help: ArgumentHelp("With --transactional-id: end each transaction after this long (e.g. 100ms).", valueName: "duration"))
    var duration: DurationArgument?

    @Option(name: .customLong("transaction-records"), parsing: .unconditional, help: ArgumentHelp("With --transactional-id: end each transaction after this many records.", valueName: "n"))
    var records: CountArgument?

    @Option(name: .customLong("abort-every"), parsing: .unconditional, help: ArgumentHelp("With --transactional-id: abort every N-th transaction instead of committing it (with --end-to-end, proves read_committed consumers skip them).", valueName: "n"))
    var abortEvery: CountArgument?

    /// The usage errors of the transaction options; `acks` is the acks the run asks for (from
    /// --acks or -X), `passed` the -X properties.
    func check(acks: String?, passed: [String: String]) throws {
        guard transactionalID != nil else {
            for (given, name) in [(duration != nil, "--transaction-duration"), (records != nil, "--transaction-records"), (abortEvery != nil, "--abort-every")] where given {
                throw ValidationError("\(name) is for transactional producing: give --transactional-id with it")
            }
            if passed["transactional.id"] != nil { throw ValidationError("-X transactional.id: give --transactional-id ID instead (kbench then begins and commits the transactions)") }
            return
        }
        if transactionalID?.isEmpty == true { throw ValidationError("--transactional-id must not be empty") }
        if duration != nil && records != nil { throw ValidationError("give --transaction-duration or --transaction-records, not both") }
        if let duration, duration.milliseconds < 1 { throw ValidationError("--transaction-duration must be at least 1ms") }
        try records?.check("--transaction-records", in: 1...Int.max)
        try abortEvery?.check("--abort-every", in: 1...Int.max)
        if let acks, acks != "all" && acks != "-1" {
            throw ValidationError("--transactional-id needs acks all (-1): transactions are idempotent, got acks \(acks)")
        }
    }

    /// The transactions asked for, nil without --transactional-id.
    func settings(timeout: Duration) -> TransactionSettings? {
        guard let transactionalID else { return nil }
        let boundary: TransactionBoundary = records.map { .records($0.value) }
            ?? .duration(.milliseconds(duration?.milliseconds ?? Self.defaultDurationMilliseconds))
        return TransactionSettings(transactionalID: transactionalID, boundary: boundary, abortEvery: abortEvery?.value, timeout: timeout)
    }
}

extension ProduceCommand {
    /// The usage errors of `--transactional-id` with the other options.
    func validateTransactions() throws {
        let passed = cluster.passedProperties
        try transaction.check(acks: passed["acks"] ?? passed["request.required.acks"] ?? acks, passed: passed)
        guard transaction.transactionalID != nil else { return }
        if producers.value > 1 { throw ValidationError("--transactional-id runs one producer (one transactional.id): not with --producers above 1") }
        if try !sweep.isEmpty || Self.rateSteps(throughput).count > 1 {
            throw ValidationError("--transactional-id compares one run with and without transactions: not with rate steps or --sweep")
        }
    }

    /// Runs the transactional run and the same run without transactions in interleaved rounds
    /// (`--repeat`), prints the last transactional run's report with the transactions and their
    /// cost, and fails when a record was not delivered, a committed one was not read exactly
    /// once, or an aborted one was read where the cluster should have hidden it.
    func runTransactional(_ settings: ProduceSettings, mockCluster: MockCluster?) throws {
        let outcome: TransactionComparison.Outcome
        do {
            outcome = try TransactionComparison.run(settings, rounds: repeats.value) { label, run in
                ReportOutput.note("kbench produce: run \(run) of \(2 * repeats.value) (\(label))")
            }
        } catch {
            throw runFailure(error)
        }
        withExtendedLifetime(mockCluster) {}
        guard let result = outcome.transactional.last else { return }
        var parameters = commonParameters(settings)
        if settings.throughput != .max { parameters.insert(ReportFact("throughput", .text("\(settings.throughput) offered")), at: 2) }
        if repeats.value > 1 { parameters.append(ReportFact("repeat", .integer(Int64(repeats.value)))) }
        let document = ProduceReport.document(result, parameters: parameters, transactionCost: outcome.cost)
        let run = ProduceRun(result, settings: ProduceRunSettings(
            result, settings: settings, properties: producerDefaults.merging(cluster.passedProperties) { $1 },
            cluster: cluster.bootstrap ?? "embedded"), host: MachineInfo.hostName())
        try ReportOutput.emit(document, format: format, to: nil, attachment: run.map { (ProduceRun.jsonKey, $0) })
        if let hgrm, let histograms = result.histograms { try ReportOutput.writeHistograms(histograms.hgrmFiles, to: hgrm, command: "produce") }
        if format != .table, result.notes.contains(ProduceReport.embeddedAbortedNote) {
            ReportOutput.note("kbench produce: note: \(ProduceReport.embeddedAbortedNote)")
        }
        try Self.checkTransactional(outcome)
    }

    /// Exit status 1 (one line) for a record not delivered in any run, a committed record not
    /// read exactly once, or an aborted record read outside the embedded cluster.
    static func checkTransactional(_ outcome: TransactionComparison.Outcome) throws {
        for result in outcome.transactional + outcome.plain where !result.allDelivered {
            let errors = result.failures.map { "\($0.error) ×\($0.count)" }.joined(separator: ", ")
            let what = result.transactions == nil ? "run without transactions" : "transactional run"
            throw CLIFailure("\(result.sent - result.delivered) of \(result.sent) messages of the \(what) were not delivered (\(errors))")
        }
        if let failure = outcome.transactional.compactMap(\.transactions?.failure).first {
            throw CLIFailure("transactions failed: \(failure)")
        }
        for result in outcome.plain { if let endToEnd = result.endToEnd, !endToEnd.nothingLost {
            throw CLIFailure("\(endToEnd.lost) of \(endToEnd.delivered) delivered messages of the run without transactions were never read back (--end-to-end)")
        } }
        for case let endToEnd? in outcome.transactional.map(\.endToEnd) {
            if endToEnd.lost > 0 || endToEnd.duplicated > 0 {
                throw CLIFailure("\(endToEnd.lost) of \(endToEnd.committed) committed records were never read and \(endToEnd.duplicated) read more than once (--end-to-end, read_committed)")
            }
            if endToEnd.abortedReadWrongly {
                throw CLIFailure("\(endToEnd.abortedRead) of \(endToEnd.abortedDelivered) records of aborted transactions were read by read_committed consumers (the cluster must hide them)")
            }
        }
    }
}
