import ArgumentParser
import KafkaLive
import KBenchReports
import KBenchStudies

/// Rate steps (`--throughput 10k,50k,max`) and settings sweeps (`--sweep KEY=V1,V2`): the
/// options' checks and the study's run; the study itself is ``ProduceStudy``.
extension ProduceCommand {
    /// What a study runs: its kind and its points (a label, a rate, properties to set).
    struct StudyPlan {
        /// Steps or sweep.
        var kind: ProduceStudyKind
        /// The points, in the order they run in each round.
        var points: [(label: String, throughput: ProduceThroughput, properties: [String: String])]
    }

    /// The rates `text` gives: one (`20k`, `max`) or rate steps (`10k,50k,max`).
    ///
    /// - Throws: a usage error for an empty step, a rate that is not one, or a step given twice.
    static func rateSteps(_ text: String) throws -> [ProduceThroughput] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var steps: [ProduceThroughput] = []
        for part in parts {
            if part.isEmpty { throw ValidationError("--throughput '\(text)' has an empty step: give rates separated by commas (10k,50k,max)") }
            guard let step = throughput(part) else {
                throw ValidationError("--throughput must be max or a rate ≥ 1 records/s (1000, 20k, 1M), or such rates separated by commas, got '\(part)'")
            }
            if steps.contains(step) { throw ValidationError("--throughput '\(text)' gives the step \(step) twice") }
            steps.append(step)
        }
        return steps
    }

    /// The usage errors of rate steps and sweeps.
    func validateStudy() throws {
        let steps = try Self.rateSteps(throughput)
        try repeats.check("--repeat", in: 1...100)
        if !sweep.isEmpty {
            if steps.count > 1 {
                throw ValidationError("give rate steps (--throughput 10k,50k) or --sweep, not both: run one sweep per rate")
            }
            let plan: SweepPlan
            do { plan = try SweepPlan(parsing: sweep) } catch { throw ValidationError("\(error)") }
            for axis in plan.axes {
                for (value, propertyValue) in zip(axis.values, axis.propertyValues) {
                    do { try KafkaConfiguration([axis.property: propertyValue]).validate() } catch {
                        throw ValidationError("--sweep \(axis.key)=…: \(value): \(error)")
                    }
                }
            }
        }
        guard steps.count > 1 || !sweep.isEmpty else {
            for (given, name) in [(latencyTarget != nil, "--latency-target"), (repeats.value > 1 && transaction.transactionalID == nil, "--repeat"), (charts != nil, "--charts")] where given {
                throw ValidationError("\(name) is for rate steps (--throughput 10k,50k,max) or --sweep")
            }
            return
        }
        if exportMessages != nil { throw ValidationError("--export-messages writes one run's messages: not with rate steps or --sweep") }
        if hgrm != nil { throw ValidationError("--hgrm writes one run's histograms: not with rate steps or --sweep") }
        if let latencyTarget, latencyTarget.milliseconds < 1 { throw ValidationError("--latency-target must be at least 1ms") }
    }

    /// The study the options ask for, nil for a single run.
    func studyPlan() throws -> StudyPlan? {
        let steps = try Self.rateSteps(throughput)
        if !sweep.isEmpty {
            let plan = try SweepPlan(parsing: sweep)
            return StudyPlan(kind: .sweep, points: plan.combinations.map { ($0.label, steps[0], $0.properties) })
        }
        guard steps.count > 1 else { return nil }
        return StudyPlan(kind: .steps, points: steps.map { ($0.description, $0, [:]) })
    }

    /// Runs `plan` on `settings` and prints its report (and charts).
    func runStudy(_ plan: StudyPlan, settings: ProduceSettings, mockCluster: MockCluster?) throws {
        let recorded = producerDefaults.merging(cluster.passedProperties) { $1 }
        let points = plan.points.map { point in
            var pointSettings = settings
            pointSettings.throughput = point.throughput
            for (property, value) in point.properties { pointSettings.configuration = pointSettings.configuration.setting(property, value) }
            return StudyPoint(label: point.label, settings: pointSettings, properties: recorded.merging(point.properties) { $1 },
                              cluster: cluster.bootstrap ?? "embedded")
        }
        let plannedSeconds: Double? = if case .duration(let duration) = settings.limit {
            Double(duration.components.seconds) * Double(points.count * repeats.value)
        } else { nil }
        let rows: [StudyRow]
        do {
            rows = try ProduceStudy.run(points, rounds: repeats.value) { progress in
                guard (plannedSeconds ?? 0) > 3 || progress.elapsedSeconds > 3 else { return }
                ReportOutput.note(Self.progressLine(progress, kind: plan.kind))
            }
        } catch {
            throw runFailure(error)
        }
        withExtendedLifetime(mockCluster) {}
        var parameters = commonParameters(settings)
        parameters.insert(ReportFact(plan.kind == .steps ? "rate steps" : "rate", .text(plan.kind == .steps ? throughput : "\(points[0].settings.throughput)")), at: 2)
        if !sweep.isEmpty { parameters.append(ReportFact("sweep", .text(sweep.joined(separator: " ")))) }
        parameters.append(ReportFact("repeat", .integer(Int64(repeats.value))))
        let study = ProduceStudyRecord(kind: plan.kind, rounds: repeats.value, latencyTargetMilliseconds: latencyTarget.map { Double($0.milliseconds) }, rows: rows)
        let figures = study.figures
        let document = ProduceStudyReport.document(
            plan.kind, figures: figures, rounds: repeats.value, targetMilliseconds: study.latencyTargetMilliseconds, parameters: parameters)
        try ReportOutput.emit(document, format: format, to: nil, attachment: (ProduceStudyRecord.jsonKey, study))
        if let charts {
            for file in try ReportOutput.writeCharts(of: document, to: charts) { ReportOutput.note("kbench produce: wrote \(file)") }
        }
        let failed = figures.reduce(0) { $0 + $1.failed }
        if failed > 0 { throw CLIFailure("\(failed) of \(figures.reduce(0) { $0 + $1.sent }) messages were not delivered") }
        let lost = figures.reduce(0) { $0 + $1.lostEndToEnd }
        if lost > 0 { throw CLIFailure("\(lost) of \(figures.reduce(0) { $0 + $1.delivered }) delivered messages were never read back (--end-to-end)") }
    }

    /// `kbench produce: step 2 of 5 (50000 records/s), round 1 of 1, about 40 s left`.
    static func progressLine(_ progress: StudyProgress, kind: ProduceStudyKind) -> String {
        let what = kind == .steps ? "step" : "combination"
        let points = progress.runs / progress.rounds
        let index = (progress.run - 1) % points + 1
        var line = "kbench produce: \(what) \(index) of \(points) (\(progress.label))"
        if progress.rounds > 1 { line += ", round \(progress.round) of \(progress.rounds)" }
        line += ", run \(progress.run) of \(progress.runs)"
        if let remaining = progress.remainingSeconds { line += ", about \(Int(remaining.rounded())) s left" }
        return line
    }
}
