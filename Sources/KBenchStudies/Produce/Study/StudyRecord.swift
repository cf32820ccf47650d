import Foundation
import Histogram
import KBenchReports

/// What one machine's run of a study point measured beside its ``ProduceRun``: the times the
/// study's rates divide by, CPU time, bytes on the wire and notes.
package struct StudyRunShare: Sendable, Hashable, Codable {
    /// Records per second the run achieved: sent ÷ sending time at a fixed rate, delivered ÷
    /// elapsed time at max.
    package var achievedRecordsPerSecond: Double
    /// Seconds of sending: sent ÷ the schedule's achieved rate (fixed rate), else the elapsed time.
    package var sendingSeconds: Double
    /// Seconds from the first send to the last delivery report.
    package var elapsedSeconds: Double
    /// CPU seconds of the whole process during the run (``ProcessCPUTime``).
    package var cpuSeconds: Double
    /// Record-batch bytes on the wire (librdkafka statistics, after compression); nil without statistics.
    package var wireBytes: Int?
    /// Key+value bytes of the records in those batches; nil without statistics.
    package var wireRecordBytes: Int?
    /// With `--end-to-end`: delivered messages never read back (nor dropped by the cluster).
    package var lostEndToEnd: Int
    /// The run's notes.
    package var notes: [String]

    /// A share from its figures.
    package init(achievedRecordsPerSecond: Double, sendingSeconds: Double, elapsedSeconds: Double, cpuSeconds: Double,
                 wireBytes: Int? = nil, wireRecordBytes: Int? = nil, lostEndToEnd: Int = 0, notes: [String] = []) {
        self.achievedRecordsPerSecond = achievedRecordsPerSecond
        self.sendingSeconds = sendingSeconds
        self.elapsedSeconds = elapsedSeconds
        self.cpuSeconds = cpuSeconds
        self.wireBytes = wireBytes
        self.wireRecordBytes = wireRecordBytes
        self.lostEndToEnd = lostEndToEnd
        self.notes = notes
    }

    /// The share of a run that gave `result` using `cpuSeconds` of CPU.
    package init(_ result: ProduceResult, cpuSeconds: Double) {
        if let pacing = result.pacing, pacing.achievedRecordsPerSecond > 0 {
            achievedRecordsPerSecond = pacing.achievedRecordsPerSecond
            sendingSeconds = Double(result.sent) / pacing.achievedRecordsPerSecond
        } else {
            achievedRecordsPerSecond = result.pacing?.achievedRecordsPerSecond ?? result.recordsPerSecond
            sendingSeconds = result.elapsedSeconds
        }
        elapsedSeconds = result.elapsedSeconds
        self.cpuSeconds = cpuSeconds
        wireBytes = result.wire?.totals.batchBytes
        wireRecordBytes = result.wire?.totals.transmittedRecordBytes
        lostEndToEnd = result.endToEnd?.lost ?? 0
        notes = result.notes
    }
}

/// One run of a study point (one round), on one machine or merged from several: the run in
/// the form `kbench merge` combines and, for each of its parts, the ``StudyRunShare``.
package struct StudyRunRecord: Sendable, Hashable, Codable {
    /// The round (`--repeat`), from 1.
    package var round: Int
    /// The run: settings, parts, counts, window, histograms.
    package var run: ProduceRun
    /// One per part of ``run``, in the same order.
    package var shares: [StudyRunShare]

    /// A record from its parts.
    package init(round: Int, run: ProduceRun, shares: [StudyRunShare]) {
        self.round = round
        self.run = run
        self.shares = shares
    }

    /// The record of one machine's run that gave `result`, with `settings` and `host` (a
    /// result without histograms or wall-clock window, which ``ProduceBenchmark`` never gives,
    /// gets an empty histogram and a window ending now).
    package init(round: Int, result: ProduceResult, cpuSeconds: Double, settings: ProduceRunSettings, host: String) {
        let run = ProduceRun(
            result, settings: settings, host: host,
            histograms: result.histograms ?? ProduceHistograms(service: LatencyHistogram(Histogram<UInt64>())),
            window: result.wallClock ?? WallClockWindow(start: Date(), seconds: result.elapsedSeconds))
        self.init(round: round, run: run, shares: [StudyRunShare(result, cpuSeconds: cpuSeconds)])
    }
}

/// One row of a study (a rate step or a sweep combination): its runs, one per round.
package struct StudyRow: Sendable, Hashable, Codable {
    /// `5000 records/s`, `max`, `linger-ms=5 compression=lz4`.
    package var label: String
    /// The rate one machine offered (records/s), nil for max.
    package var offeredRecordsPerSecond: Int?
    /// Its runs, in round order.
    package var runs: [StudyRunRecord]

    /// A row from its parts.
    package init(label: String, offeredRecordsPerSecond: Int?, runs: [StudyRunRecord]) {
        self.label = label
        self.offeredRecordsPerSecond = offeredRecordsPerSecond
        self.runs = runs
    }

    /// Every run's histograms added, nil for a row without runs.
    package var histograms: ProduceHistograms? {
        guard var total = runs.first?.run.histograms else { return nil }
        for run in runs.dropFirst() { total.add(run.run.histograms) }
        return total
    }
}

/// A whole study in the form `kbench merge` combines: the member `study` of `kbench produce
/// --throughput 10k,50k,max --format json` (or `--sweep`), and of `kbench merge --format json`
/// on such files, so merged studies merge again.
package struct ProduceStudyRecord: Sendable, Hashable, Codable {
    /// The JSON member of a study report that holds the record.
    package static let jsonKey = "study"
    /// The layout version this kbench writes and reads.
    package static let currentVersion = 1

    /// Layout version of the record.
    package var version: Int
    /// Rate steps or a settings sweep.
    package var kind: ProduceStudyKind
    /// Rounds (`--repeat`).
    package var rounds: Int
    /// `--latency-target` (ms), nil without one.
    package var latencyTargetMilliseconds: Double?
    /// One per step or combination, in the order they ran.
    package var rows: [StudyRow]

    /// A record from its parts.
    package init(kind: ProduceStudyKind, rounds: Int, latencyTargetMilliseconds: Double?, rows: [StudyRow]) {
        version = Self.currentVersion
        self.kind = kind
        self.rounds = rounds
        self.latencyTargetMilliseconds = latencyTargetMilliseconds
        self.rows = rows
    }

    /// Each row's figures (``StudyFigures``).
    package var figures: [StudyFigures] { rows.map(StudyFigures.init) }

    /// Machines merged (parts of a row's run; 1 for one machine's study).
    package var machines: Int { rows.first?.runs.first?.run.parts.count ?? 1 }

    /// The `.hgrm` file of each row's non-empty histograms (its rounds added):
    /// `<row>.service.hgrm`, `<row>.response.hgrm`, `<row>.end-to-end.hgrm`, the row named by
    /// ``fileStem(_:)`` of its label (`5000-records-s`, `max`, `linger-ms=5-compression=lz4`).
    package var hgrmFiles: [(fileName: String, text: String)] {
        rows.flatMap { row in
            (row.histograms?.hgrmFiles ?? []).map { ("\(Self.fileStem(row.label)).\($0.fileName)", $0.text) }
        }
    }

    /// `label` as a file name: lower case, every run of characters other than a–z, 0–9, `.`,
    /// `=` and `-` replaced by one `-` (`5000 records/s` → `5000-records-s`).
    package static func fileStem(_ label: String) -> String {
        var stem = ""
        for character in label.lowercased() {
            let kept = character.isASCII && (character.isLetter || character.isNumber || ".=-".contains(character))
            if kept {
                stem.append(character)
            } else if !stem.hasSuffix("-") {
                stem.append("-")
            }
        }
        let trimmed = stem.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "row" : trimmed
    }
}

extension ProduceStudyKind: Codable {}

extension ProduceHistograms {
    /// `other`'s histograms added to these (same layouts; absent ones stay absent).
    package mutating func add(_ other: ProduceHistograms) {
        service.histogram.add(other.service.histogram)
        if let added = other.response { response?.histogram.add(added.histogram) }
        if let added = other.endToEnd { endToEnd?.histogram.add(added.histogram) }
    }
}
