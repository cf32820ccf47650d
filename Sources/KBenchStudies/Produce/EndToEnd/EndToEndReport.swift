import KBenchReports

extension ProduceReport {
    /// One line on the exactly-once check: `end-to-end: 100000 of 100000 delivered records read exactly once (0 missing, 0 duplicated)`.
    /// In a transactional run: `end-to-end: 600 of 600 committed records read exactly once (…); 300 of 300 aborted records read`.
    package static func endToEndCheckLine(_ result: EndToEndResult) -> String {
        var line = "end-to-end: \(result.exactlyOnce) of \(result.committed) \(result.readCommitted ? "committed" : "delivered") records read exactly once "
            + "(\(result.missing) missing, \(result.duplicated) duplicated)"
        if result.readCommitted {
            line += "; \(result.abortedRead) of \(result.abortedDelivered) records of aborted transactions read "
                + (result.abortVisibleNoteNeeded ? "(the embedded mock shows them: see the notes)"
                    : result.noMarkersSeen ? "(this cluster writes no markers to hide them by: see below)" : "(read_committed: must be 0)")
        }
        if result.droppedByCluster > 0 {
            line += "; of the missing, \(result.droppedByCluster) dropped by the cluster before they were read (offsets below its low watermark"
                + "; the embedded cluster keeps only the newest 5 MiB of each partition), \(result.lost) lost"
        }
        return line
    }

    /// Why aborted records are read on the embedded cluster (one note line).
    package static let embeddedAbortedNote = "the embedded cluster is librdkafka 2.0.2's mock, which writes no commit/abort markers "
        + "and names no aborted transaction in its Fetch responses, so read_committed consumers read aborted records there "
        + "(not counted as a failure); on a Kafka broker they must read none"

    /// The end-to-end latency percentiles in one line.
    package static func endToEndLatencyLine(_ latency: LatencyPercentiles) -> String {
        "end-to-end latency: "
            + latency.figures.map { "\($0.label) \(NumberText.fixed($0.milliseconds, places: 3)) ms" }.joined(separator: ", ")
            + " (\(latency.count) records)"
    }

    /// The `end-to-end` section of a `--end-to-end` run.
    static func endToEndSection(_ result: EndToEndResult) -> ReportSection {
        let latency = result.latency
        let after = "\(NumberText.fixed(result.tailSeconds, places: 3)) s after the last delivery report"
        let tail = result.tailComplete
            ? (result.droppedByCluster > 0 ? "every delivered record read or found dropped " : "every delivered record read ") + after
            : "the consumers gave up \(after) (nothing new read for \(NumberText.fixed(result.tailIdleSeconds, places: 0)) s; "
                + "they read on for \(NumberText.fixed(result.tailLimitSeconds, places: 0)) s at most)"
        var paragraphs = [
            endToEndLatencyLine(latency),
            endToEndCheckLine(result),
            tail,
            "latency = the time a consumer in this process is handed the record − the send time carried in the first 16 bytes of "
                + "its value (the same monotonic clock; the values are stamped copies, so wire bytes and compression differ "
                + "slightly from a run without --end-to-end)",
        ]
        if result.unreported > 0 {
            paragraphs.append("\(result.unreported) records were read although no delivery report said they were delivered (failed after being written)")
        }
        if result.paddedValues > 0 {
            paragraphs.append("\(result.paddedValues) of the values are shorter than the 16-byte stamp: they were sent padded to 16 bytes with zeros")
        }
        if result.readCommitted {
            paragraphs.append(result.noMarkersSeen
                ? "no offset without a record between the records read: the cluster wrote no commit/abort markers, so read_committed cannot hide aborted records there (not counted as a failure)"
                : "\(result.offsetsWithoutRecord) offsets without a record between the records read: commit/abort markers (and aborted records the cluster hid)")
        }
        if result.foreign > 0 { paragraphs.append("\(result.foreign) records of other writers were read and ignored") }
        var facts = [
            ReportFact("consumers", .integer(Int64(result.consumers))),
            ReportFact("delivered", .integer(Int64(result.delivered))),
            ReportFact("consumed", .integer(Int64(result.consumed))),
            ReportFact("exactly once", .integer(Int64(result.exactlyOnce))),
            ReportFact("missing", .integer(Int64(result.missing))),
            ReportFact("dropped by cluster", .integer(Int64(result.droppedByCluster))),
            ReportFact("lost", .integer(Int64(result.lost))),
            ReportFact("duplicated", .integer(Int64(result.duplicated))),
            ReportFact("consumed without delivery report", .integer(Int64(result.unreported))),
        ]
        if result.readCommitted {
            facts += [
                ReportFact("committed", .integer(Int64(result.committed))),
                ReportFact("aborted delivered", .integer(Int64(result.abortedDelivered))),
                ReportFact("aborted read", .integer(Int64(result.abortedRead))),
                ReportFact("offsets without a record", .integer(Int64(result.offsetsWithoutRecord))),
            ]
        }
        facts += [
            ReportFact("foreign records", .integer(Int64(result.foreign))),
            ReportFact("tail wait", .number(result.tailSeconds), format: .duration),
            ReportFact("tail complete", .text(result.tailComplete ? "yes" : "no")),
            ReportFact("e2e avg latency (ms)", .number(result.averageLatencyMilliseconds), format: .decimal(places: 3)),
        ]
        facts += latency.figures.map { ReportFact("e2e \($0.label) latency (ms)", .number($0.milliseconds), format: .decimal(places: 3)) }
        for error in result.errors {
            facts.append(ReportFact("consumer error \(error.error)", .integer(Int64(error.count))))
        }
        return ReportSection(id: "end-to-end", title: "End-to-end latency (send → consume) and exactly-once check", paragraphs: paragraphs, facts: facts)
    }
}
