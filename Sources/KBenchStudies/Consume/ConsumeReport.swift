import Foundation
import KafkaLive
import KBenchReports

/// Text and report model for `kbench consume`: kafka-consumer-perf-test's line and a
/// ``ReportDocument`` (the read, fetch sizes, lag, windows, errors).
package enum ConsumeReport {
    /// kafka-consumer-perf-test's header line.
    package static let perfTestHeader =
        "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec"

    /// A progress window: `N records read, X records/sec (Y MB/sec).`
    package static func windowLine(_ window: ConsumeWindow) -> String {
        "\(window.records) records read, \(NumberText.fixed(window.recordsPerSecond, places: 1)) records/sec "
            + "(\(NumberText.fixed(window.megabytesPerSecond, places: 2)) MB/sec)."
    }

    /// The run's line in kafka-consumer-perf-test's format (`%s, %s, %.4f, %.4f, %d, %.4f, %d,
    /// %d, %.4f, %.4f`; times `yyyy-MM-dd HH:mm:ss:SSS`, here in UTC; MB = 1024 × 1024 bytes).
    package static func perfTestLine(_ result: ConsumeResult) -> String {
        func perSecond(_ amount: Double, _ seconds: Double) -> String {
            NumberText.fixed(seconds > 0 ? amount / seconds : 0, places: 4)
        }
        let fetchSeconds = result.fetchSeconds
        return [
            timestamp(result.startTime), timestamp(result.endTime),
            NumberText.fixed(result.megabytes, places: 4), perSecond(result.megabytes, result.elapsedSeconds),
            String(result.records), perSecond(Double(result.records), result.elapsedSeconds),
            String(Int((result.rebalanceSeconds * 1000).rounded())), String(Int((fetchSeconds * 1000).rounded())),
            perSecond(result.megabytes, fetchSeconds), perSecond(Double(result.records), fetchSeconds),
        ].joined(separator: ", ")
    }

    /// `date` as kafka-consumer-perf-test prints it (UTC).
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        let millis = (parts.nanosecond ?? 0) / 1_000_000
        let millisText = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)):\(millisText)"
    }

    /// The run as a report document (`id` `consume`).
    package static func document(_ result: ConsumeResult, parameters extra: [ReportFact] = []) -> ReportDocument {
        var parameters: [ReportFact] = [
            ReportFact("topic", .text(result.topic)),
            ReportFact("partitions", .integer(Int64(result.partitionCount))),
            ReportFact("consumers", .integer(Int64(result.consumers))),
            ReportFact("group", .text(result.group ?? "none (partitions assigned from the beginning, nothing committed)")),
        ]
        parameters += extra
        let summary = ReportSection(
            id: "summary", title: "Throughput",
            paragraphs: [perfTestHeader, perfTestLine(result)],
            facts: [
                ReportFact("records read", .integer(Int64(result.records))),
                ReportFact("records to read", .integer(Int64(result.target))),
                ReportFact("records read twice (rebalance)", result.rereadRecords.map { .integer(Int64($0)) } ?? .missing),
                ReportFact("bytes read (key+value)", .integer(Int64(result.bytes)), format: .bytes),
                ReportFact("elapsed", .number(result.elapsedSeconds), format: .duration),
                ReportFact("records/s", .number(result.recordsPerSecond), format: .decimal(places: 1)),
                ReportFact("MB/s (MiB)", .number(result.megabytesPerSecond), format: .decimal(places: 2)),
                ReportFact("time to first record (ms)", result.firstRecordSeconds.map { .number($0 * 1000) } ?? .missing, format: .decimal(places: 1)),
                ReportFact("rebalance (ms)", .number(result.rebalanceSeconds * 1000), format: .decimal(places: 1)),
                ReportFact("lag at start", .integer(result.lagAtStart)),
                ReportFact("lag at end", .integer(result.lagAtEnd)),
            ])
        var sections = [summary]
        if let fetch = result.fetch { sections.append(fetchSection(fetch)) }
        sections.append(windowsSection(result.windows))
        var notes: [String] = []
        if result.belowLowWatermark > 0 {
            notes.append("\(result.belowLowWatermark) records were no longer held by the cluster when the run began (offsets below the low watermarks): not counted in the lag")
        }
        if let reread = result.rereadRecords, reread > 0 {
            notes.append("\(reread) records were read twice: a rebalance handed partitions to another consumer before the group committed their offsets, and it read on from the last commit (counted in the records read)")
        }
        if !result.complete {
            notes.append("INCOMPLETE: read \(result.records) of \(result.target) records before giving up (nothing arrived for the idle timeout)")
        }
        for error in result.errors { notes.append("consumer error \(error.error) ×\(error.count)") }
        if !notes.isEmpty { sections.append(ReportSection(id: "notes", title: "Notes", paragraphs: notes)) }
        return ReportDocument(id: "consume", title: "kbench consume: \(result.topic)", parameters: parameters, sections: sections)
    }

    private static func fetchSection(_ fetch: FetchStatistics) -> ReportSection {
        ReportSection(
            id: "fetch", title: "Fetch requests (librdkafka statistics, every consumer)",
            paragraphs: ["bytes received = every response from the brokers (Fetch nearly all of it), framing included"],
            facts: [
                ReportFact("fetch requests", .integer(fetch.fetchRequests)),
                ReportFact("bytes received", .integer(fetch.receivedBytes), format: .bytes),
                ReportFact("bytes per fetch", .number(fetch.bytesPerFetch), format: .decimal(places: 0)),
                ReportFact("records per fetch", .number(fetch.recordsPerFetch), format: .decimal(places: 1)),
                ReportFact("records fetched", .integer(fetch.topicRecords)),
            ])
    }

    /// The progress windows as a table (also of merged consume runs).
    static func windowsSection(_ windows: [ConsumeWindow]) -> ReportSection {
        var table = ReportTable(id: "windows", title: "Records and MB/s per window", columns: [
            ReportColumn("end (s)", format: .decimal(places: 2)),
            ReportColumn("records", format: .integer),
            ReportColumn("records/s", format: .decimal(places: 1)),
            ReportColumn("MB/s", format: .decimal(places: 2)),
        ])
        for window in windows {
            table.addRow([.number(window.endSeconds), .integer(Int64(window.records)), .number(window.recordsPerSecond), .number(window.megabytesPerSecond)])
        }
        return ReportSection(id: "windows", title: "Progress windows", tables: [table])
    }
}
