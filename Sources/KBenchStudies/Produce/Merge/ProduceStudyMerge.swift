/// `kbench merge` on study files: the same rate ladder or sweep run on several machines
/// against one cluster, combined row by row.
///
/// Rows are matched by their label (the step's rate or the combination) and round; each
/// matched set of runs is merged exactly as ``ProduceMerge`` merges single runs (histograms
/// added, counts summed, windows joined, settings compared), and ``StudyFigures`` of the
/// merged rows gives the table, the knee, the Pareto front and the recommendation again.
/// Studies of different kinds, ladders, sweeps, rounds or latency targets are refused.
package enum ProduceStudyMerge {
    /// A study read from a file, named by the file (as given).
    package typealias Input = (name: String, study: ProduceStudyRecord)

    /// The inputs combined (at least one).
    /// - Throws: ``ProduceMergeError`` naming the first input that differs from the first one
    ///   and the difference (a row's run difference prefixed by the row and round).
    package static func merge(_ inputs: [Input]) throws(ProduceMergeError) -> ProduceStudyRecord {
        guard let first = inputs.first else { throw ProduceMergeError(file: "", other: "", difference: "no studies to merge") }
        for input in inputs.dropFirst() {
            if let difference = input.study.firstDifference(from: first.study) {
                throw ProduceMergeError(file: input.name, other: first.name, difference: difference)
            }
        }
        var merged = first.study
        for (index, row) in first.study.rows.enumerated() {
            var runs: [StudyRunRecord] = []
            for position in row.runs.indices {
                let matched = inputs.map { ($0.name, $0.study.rows[index].runs[position]) }
                runs.append(try merge(matched, label: row.label))
            }
            merged.rows[index].runs = runs
        }
        return merged
    }

    /// One round of one row from every input, merged as single runs are; the shares follow
    /// the parts.
    private static func merge(_ records: [(name: String, record: StudyRunRecord)], label: String) throws(ProduceMergeError) -> StudyRunRecord {
        let round = records[0].record.round
        let run: ProduceRun
        do {
            run = try ProduceMerge.merge(records.map { ProduceMerge.Input(name: $0.name, run: $0.record.run) })
        } catch {
            throw ProduceMergeError(file: error.file, other: error.other, difference: "\(label), round \(round): \(error.difference)")
        }
        return StudyRunRecord(round: round, run: run, shares: records.flatMap(\.record.shares))
    }

    /// Files of any one kind merged: runs with ``ProduceMerge``, studies with ``merge(_:)``.
    /// Consume runs merge with ``ConsumeMerge``.
    /// - Throws: ``ProduceMergeError`` for a single run mixed with a study (or a sweep with
    ///   rate steps, or a consume run with a producer's), or what the merge throws.
    package static func merge(contents inputs: [(name: String, content: MergeableContent)]) throws(ProduceMergeError) -> MergeableContent {
        guard let first = inputs.first else { throw ProduceMergeError(file: "", other: "", difference: "no runs to merge") }
        var runs: [ProduceMerge.Input] = []
        var studies: [Input] = []
        var consumeRuns: [ConsumeMerge.Input] = []
        for input in inputs {
            switch input.content {
            case .run(let run): runs.append(ProduceMerge.Input(name: input.name, run: run))
            case .study(let study): studies.append((input.name, study))
            case .consume(let run): consumeRuns.append((input.name, run))
            }
            if case .run = input.content, case .run = first.content { continue }
            if case .consume = input.content, case .consume = first.content { continue }
            if case .study(let study) = input.content, case .study(let firstStudy) = first.content, study.kind == firstStudy.kind { continue }
            throw ProduceMergeError(file: input.name, other: first.name,
                                    difference: "\(input.content.kindDescription) vs \(first.content.kindDescription)")
        }
        if !consumeRuns.isEmpty { return .consume(try ConsumeMerge.merge(consumeRuns)) }
        return studies.isEmpty ? .run(try ProduceMerge.merge(runs)) : .study(try merge(studies))
    }
}

extension ProduceStudyKind {
    /// `a rate-step study`, `a settings sweep`.
    package var recordDescription: String { self == .steps ? "a rate-step study" : "a settings sweep" }
}

extension ProduceStudyRecord {
    /// The first way `other` is a different study from this one (this one's value first), nil
    /// when their rows can be merged: kind, rows (rate steps or sweep combinations, in order),
    /// rounds, latency target, and each row's rounds.
    package func firstDifference(from other: ProduceStudyRecord) -> String? {
        if kind != other.kind { return "\(kind.recordDescription) vs \(other.kind.recordDescription)" }
        let labels = rows.map(\.label)
        let otherLabels = other.rows.map(\.label)
        if labels != otherLabels {
            let name = kind == .steps ? "rate steps" : "sweep combinations"
            return "\(name) \(labels.joined(separator: "; ")) vs \(otherLabels.joined(separator: "; "))"
        }
        if rounds != other.rounds { return "repeat \(rounds) vs \(other.rounds)" }
        if latencyTargetMilliseconds != other.latencyTargetMilliseconds {
            func text(_ target: Double?) -> String { target.map { LatencyKnee.target($0) } ?? "none" }
            return "latency target \(text(latencyTargetMilliseconds)) vs \(text(other.latencyTargetMilliseconds))"
        }
        for (row, otherRow) in zip(rows, other.rows) where row.runs.map(\.round) != otherRow.runs.map(\.round) {
            return "\(row.label): rounds \(row.runs.map { String($0.round) }.joined(separator: ",")) vs \(otherRow.runs.map { String($0.round) }.joined(separator: ","))"
        }
        return nil
    }

    /// What makes the record unusable, with the path of the field: no rows, a row without
    /// runs, a run whose shares do not match its parts, or rounds out of 1…``rounds``.
    package var structuralProblem: (path: String, problem: String)? {
        if rows.isEmpty { return ("\(Self.jsonKey).rows", "no rows") }
        for (index, row) in rows.enumerated() {
            if row.runs.isEmpty { return ("\(Self.jsonKey).rows[\(index)].runs", "no runs") }
            for (position, record) in row.runs.enumerated() {
                let path = "\(Self.jsonKey).rows[\(index)].runs[\(position)]"
                if record.run.parts.isEmpty { return ("\(path).run.parts", "no parts") }
                if record.shares.count != record.run.parts.count {
                    return ("\(path).shares", "\(record.shares.count) shares for \(record.run.parts.count) parts")
                }
                if !(1...Swift.max(1, rounds)).contains(record.round) { return ("\(path).round", "must be 1…\(rounds), got \(record.round)") }
            }
        }
        return nil
    }
}
