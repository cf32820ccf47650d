import KafkaPartitioning
import KBenchReports
import KBenchWorkloads

/// The partitions stage of a report: one ``PartitionDistributionStudy`` per key set (every
/// strategy, the plan's partition count and resizes), their ``PartitionsReport`` documents
/// joined into one `partitions` report whose sections are prefixed by key set.
struct PartitionsStage {
    let plan: PartitionsStagePlan

    /// Runs every key set and returns the joined document.
    func document(progress: ReportRunner.ProgressFactory) throws(ReportRunError) -> ReportDocument {
        var parts: [ReportDocumentPart] = []
        for spec in plan.keySpecs {
            let result = try study(spec, progress: progress)
            parts.append(ReportDocumentPart(
                id: Self.partID(spec), title: "Key set \(spec)", summary: spec.summary + ".",
                document: PartitionsReport.document(result, options: PartitionsReportOptions(includeTiming: true))))
        }
        return ReportDocument.joining(
            parts, id: PartitionsReport.id,
            title: "Partition distribution: \(plan.keySpecs.map(\.description).joined(separator: " and ")), \(plan.partitionCount) partitions",
            parameters: [
                ReportFact("key sets", .text(plan.keySpecs.map(\.description).joined(separator: ", "))),
                ReportFact("partitions", .integer(Int64(plan.partitionCount))),
                ReportFact("resizes", .text(plan.resizes.isEmpty ? "none" : plan.resizes.map(\.description).joined(separator: ", "))),
                ReportFact("strategies", .integer(Int64(StrategyRegistry.all.count))),
                ReportFact("seed", .integer(Int64(bitPattern: plan.seed))),
            ])
    }

    /// One key set through every strategy.
    func study(_ spec: KeySpec, progress: ReportRunner.ProgressFactory) throws(ReportRunError) -> PartitionStudyResult {
        do {
            let configuration = PartitionStudyConfiguration(
                partitionCounts: [try PartitionCount(plan.partitionCount)], resizes: plan.resizes, seed: plan.seed)
            var study = try PartitionDistributionStudy(configuration: configuration)
            var keys = KeyGenerator(spec: spec, seed: plan.seed)
            return try study.run(keys: &keys, progress: progress("partitions \(spec)", spec.count, "keys"))
        } catch {
            throw .stageFailed(.partitions, "\(spec): \(error)")
        }
    }

    /// A file-name-safe id for a key set: `random-16`, `zipf-1.1`.
    static func partID(_ spec: KeySpec) -> String {
        switch spec {
        case .sequence: "seq"
        case .uuid: "uuid"
        case .random(let length, _): "random-\(length)"
        case .zipf: "zipf-" + (spec.description.split(separator: ":").dropFirst().first.map(String.init) ?? "s")
        }
    }
}
