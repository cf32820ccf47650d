import Foundation
import KafkaPartitioning
import KBenchReports
import KBenchWorkloads

/// What one stage of a report produced.
package struct ReportStageOutcome: Sendable {
    /// The stage.
    package var stage: ReportStage
    /// Its report.
    package var document: ReportDocument
    /// How much was measured, for the summary line: `48 cells`, `2 key sets of 1,000,000 keys`.
    package var work: String
    /// Wall-clock seconds the stage took.
    package var seconds: Double
    /// With `--baseline`: the report compared with the baseline's.
    package var comparison: BaselineComparison?

    /// An outcome.
    package init(stage: ReportStage, document: ReportDocument, work: String, seconds: Double) {
        self.stage = stage
        self.document = document
        self.work = work
        self.seconds = seconds
    }
}

/// Runs the stages of a ``ReportPlan`` and writes the results directory.
///
/// After each stage the directory is rewritten with every report so far (Markdown, JSON,
/// SVG charts, `index.html`, `README.md`, `machine.json`), so a summary line can name a file
/// that exists, and an interrupted run leaves a consistent directory.
package struct ReportRunner: Sendable {
    /// Makes the progress bar of one piece of work: label, total units, unit name.
    package typealias ProgressFactory = (_ label: String, _ total: Int, _ unit: String) -> ProgressReporter?

    /// What to run.
    package let plan: ReportPlan
    /// The earlier run every report is compared with, if any.
    package let baseline: ReportBaseline?

    /// A runner for `plan`, comparing with `baseline` when given.
    package init(plan: ReportPlan, baseline: ReportBaseline? = nil) {
        self.plan = plan
        self.baseline = baseline
    }

    /// Runs every stage of the plan, writing `directory` after each; `log` receives one
    /// summary line per stage (`hash: 48 cells in 21.3 s → results/hash.md`; with a baseline,
    /// a second line: what moved beyond noise) and a last line naming the index. Returns the
    /// outcomes in order.
    @discardableResult
    package func run(
        writingTo directory: URL, machine: MachineInfo, progress: ProgressFactory = { _, _, _ in nil },
        log: (String) -> Void = { _ in }
    ) throws(ReportRunError) -> [ReportStageOutcome] {
        let started = ContinuousClock.now
        let writer = ResultsWriter(directory: directory, title: plan.isQuick ? "kbench results (quick run)" : "kbench results")
        var outcomes: [ReportStageOutcome] = []
        for stage in plan.stages {
            var outcome = try run(stage, progress: progress)
            if let baseline { outcome = baseline.compare(outcome) }
            outcomes.append(outcome)
            do {
                _ = try writer.write(outcomes.map { ResultsReport(name: $0.stage.rawValue, document: $0.document) }, machine: machine)
            } catch {
                throw .writeFailed(error)
            }
            let file = Self.display(directory.appendingPathComponent(ResultsLayout.markdownFileName(report: stage.rawValue)))
            log("\(stage.rawValue): \(outcome.work) in \(Self.seconds(outcome.seconds)) → \(file)")
            if let comparison = outcome.comparison, let baseline { log(ReportBaseline.logLine(comparison, baseline: baseline.run.directory)) }
        }
        let total = (ContinuousClock.now - started).seconds
        let index = Self.display(directory.appendingPathComponent(ResultsLayout.indexFileName))
        log("report: \(outcomes.count) stage\(outcomes.count == 1 ? "" : "s") in \(Self.seconds(total)) → \(index)")
        return outcomes
    }

    /// Runs one stage and returns its report.
    package func run(_ stage: ReportStage, progress: ProgressFactory = { _, _, _ in nil }) throws(ReportRunError) -> ReportStageOutcome {
        let started = ContinuousClock.now
        let document: ReportDocument
        let work: String
        switch stage {
        case .hash:
            do {
                let study = try HashStudy(configuration: plan.hash, executable: plan.executable)
                let result = try study.run(progress: progress("hash", study.cellCount, "cells"))
                document = HashReport.document(result)
                work = "\(study.cellCount) cells"
            } catch {
                throw .stageFailed(.hash, error.description)
            }
        case .compress:
            do {
                var source = plan.compressCorpus.generator(seed: plan.compress.seed)
                let study = try CompressionStudy(configuration: plan.compress, payload: &source)
                let result = try study.run(progress: progress("compress", study.cellCount, "cells"))
                document = CompressionReport.document(result)
                work = "\(study.cellCount) cells"
            } catch {
                throw .stageFailed(.compress, error.description)
            }
        case .partitions:
            let stagePlan = plan.partitions
            // Every client's rule and null/empty-key behaviour follow the key sets' sections.
            document = try PartitionsStage(plan: stagePlan).document(progress: progress).appending(StrategyListReport.section())
            let keys = stagePlan.keySpecs.map(\.count).max() ?? 0
            work = "\(stagePlan.keySpecs.count) key set\(stagePlan.keySpecs.count == 1 ? "" : "s") of \(NumberText.grouped(Int64(keys))) keys"
        case .produce:
            let (produced, runs) = try ProduceStage(plan: plan.produce).document(progress: progress)
            document = produced
            work = "\(runs) producer runs"
        }
        return ReportStageOutcome(stage: stage, document: document, work: work,
                                  seconds: (ContinuousClock.now - started).seconds)
    }

    /// A path as the user gave it (relative stays relative).
    static func display(_ url: URL) -> String {
        url.relativePath
    }

    /// `21.3 s`, `2 min 5 s`.
    static func seconds(_ value: Double) -> String {
        value < 100 ? "\(NumberText.fixed(value, places: 1)) s" : "\(Int(value) / 60) min \(Int(value) % 60) s"
    }
}
