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
                id: Self.partID(spec), title: "Key set: \(Self.readable(spec))", summary: spec.summary(counting: NumberRule.count) + ".",
                document: Self.comparable(PartitionsReport.document(result, options: PartitionsReportOptions(includeTiming: true)))))
        }
        let joined = ReportDocument.joining(
            parts, id: PartitionsReport.id,
            title: "Partition distribution: \(plan.keySpecs.map(Self.readable).joined(separator: " and ")), \(plan.partitionCount) partitions",
            parameters: [
                ReportFact("key sets", .text(plan.keySpecs.map(\.description).joined(separator: ", "))),
                ReportFact("partitions", .integer(Int64(plan.partitionCount))),
                ReportFact("resizes", .text(plan.resizes.isEmpty ? "none" : plan.resizes.map(\.description).joined(separator: ", "))),
                ReportFact("strategies", .integer(Int64(StrategyRegistry.all.count))),
                ReportFact("seed", .integer(Int64(bitPattern: plan.seed))),
            ])
        return try keyFileSection().map(joined.appending) ?? joined
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

    /// A key set as people read it, its spec beside: `1,000,000 random 16-byte keys (random:16:1000000)`.
    static func readable(_ spec: KeySpec) -> String {
        let keys: String
        switch spec {
        case .sequence: keys = "sequential keys"
        case .uuid: keys = "UUID keys"
        case .random(let length, _): keys = "random \(length)-byte keys"
        case .zipf: keys = "Zipf-distributed keys"
        }
        return "\(NumberRule.count(spec.count)) \(keys) (\(spec))"
    }

    /// Columns that name a row besides a table's first one.
    static let rowKeyColumns: Set<String> = ["partition", "rank"]

    /// `document` with every table described for `kbench report --baseline`: rows named by
    /// their first column (and partition and rank where present), every other number
    /// deterministic (seeded keys, no timing: a change is a changed result, never noise).
    static func comparable(_ document: ReportDocument) -> ReportDocument {
        var document = document
        for section in document.sections.indices {
            for index in document.sections[section].tables.indices {
                let table = document.sections[section].tables[index]
                let keys = table.columns.enumerated().filter { $0.offset == 0 || rowKeyColumns.contains($0.element.id) }.map(\.element.id)
                let figures = table.columns.filter { $0.format != .text && !keys.contains($0.id) }.map(\.id)
                document.sections[section].tables[index].comparison = ReportTableComparison(keyColumns: keys, deterministicColumns: figures)
            }
        }
        return document
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
