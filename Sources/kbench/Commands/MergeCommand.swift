import ArgumentParser
import KBenchReports
import KBenchStudies

/// `kbench merge`: producer runs of several machines combined into one report.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine `kbench produce --format json` runs (or rate-step and sweep studies, or `kbench consume --format json` runs) from several machines: counts and rates summed, latency histograms added.",
        discussion: """
            Reads the run each file carries (`kbench produce --format json`, or an earlier \
            `kbench merge --format json`: merged runs merge again) and reports them as one. \
            \(ProduceMergeReport.semantics.joined(separator: ". ")). The overlap is the time \
            every run was sending; runs that did not overlap are still merged (their histograms \
            are valid), with a note and no summed rate. One line per input: file, host, UTC \
            window, counts, its own records/s and p99.

            Runs must be of the same command: topic, partitions, partitioner, keys, values, \
            limit, offered rate, producers, --end-to-end, --backlog and every librdkafka property \
            (compression.type, linger.ms, acks, …) must agree, and so must the histograms' \
            layouts; otherwise the merge stops with one line naming the first difference, \
            the later file's value first (kbench: cannot merge b.json with a.json: \
            compression.type lz4 vs zstd), exit 1. The cluster's address is not compared. \
            A run given twice (same host, window and counts), a file that is not JSON, is cut \
            short, or holds no run stops it the same way.

            Studies merge too: files of `kbench produce --throughput 5k,20k,max --format \
            json` (rate steps) or `--sweep … --format json` carry every row's runs (member \
            "study"); rows are matched by step or combination and round, each matched set \
            merged as above, and the study's table, knee or Pareto front and recommendation \
            are computed again from the merged rows (offered rate = per machine × machines; \
            achieved = the machines' own rates added when their windows overlapped). Files \
            of different ladders, sweeps, --repeat or --latency-target, or a single run with \
            a study, are refused with one line, exit 1.

            Consume runs merge too: files of `kbench consume --format json` (member \
            "consume"; a merge of them carries member "consumeRun" and merges again). \
            \(ConsumeMergeReport.semantics.joined(separator: ". ")). Topic, partitions, \
            consumers, group, --messages, --report-interval and every librdkafka property \
            must agree (else one line naming the first difference, exit 1), and consume files \
            do not mix with produce files. One line per input: file, host, UTC window, records, \
            bytes, its own records/s and MB/s.

            --hgrm DIR writes the merged histograms as HdrHistogram's percentile \
            distribution text: service.hgrm, response.hgrm (fixed-rate runs), \
            end-to-end.hgrm (--end-to-end runs); values in milliseconds. For studies one \
            file per row and histogram, the rounds added: ROW.service.hgrm, \
            ROW.response.hgrm, ROW.end-to-end.hgrm, ROW the row's label in lower case with \
            other characters than a-z 0-9 . = - as '-' (5000-records-s, max, \
            linger-ms=5-compression=lz4).

            Examples:
              kbench merge <(kbench produce --throughput 5k --duration 2s --format json) \\
                <(kbench produce --throughput 5k --duration 2s --format json)
              kbench produce --messages 20k --format json > a.json && \\
                kbench produce --messages 20k --format json > b.json && \\
                kbench merge a.json b.json --format json --output merged.json --hgrm hgrm
              kbench merge <(kbench produce --throughput 2k,max --duration 1s --format json) \\
                <(kbench produce --throughput 2k,max --duration 1s --format json)
              kbench merge <(kbench consume --seed-messages 20k --format json) \\
                <(kbench consume --seed-messages 20k --format json)
            """
    )

    @Argument(help: ArgumentHelp("Files written by kbench produce --format json (a run or a study), kbench consume --format json, or kbench merge --format json; - reads one from stdin.", valueName: "file"))
    var files: [String]

    @OptionGroup var output: ReportFormatOptions

    @Option(help: ArgumentHelp("Also write the merged histograms as HdrHistogram percentile distributions (service.hgrm, response.hgrm, end-to-end.hgrm; studies: ROW.service.hgrm, …; ms) into this directory.", valueName: "dir"))
    var hgrm: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give the files to merge (written by kbench produce --format json)") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be given once") }
    }

    func run() throws {
        var inputs: [(name: String, content: MergeableContent)] = []
        for file in files {
            do {
                inputs.append((file, try ProduceRunFile.load(file)))
            } catch {
                throw CLIFailure(error.description)
            }
        }
        let merged: MergeableContent
        do {
            merged = try ProduceStudyMerge.merge(contents: inputs)
        } catch {
            throw CLIFailure(error.description)
        }
        switch merged {
        case .run(let run):
            try ReportOutput.emit(ProduceMergeReport.document(run), format: output.format, to: output.output,
                                  attachment: (ProduceRun.jsonKey, run))
            if let hgrm { try ReportOutput.writeHistograms(run.histograms.hgrmFiles, to: hgrm, command: "merge") }
        case .study(let study):
            try ReportOutput.emit(ProduceStudyMergeReport.document(study, inputs: files), format: output.format, to: output.output,
                                  attachment: (ProduceStudyRecord.jsonKey, study))
            if let hgrm { try ReportOutput.writeHistograms(study.hgrmFiles, to: hgrm, command: "merge") }
        case .consume(let run):
            if hgrm != nil { throw ValidationError("--hgrm writes latency histograms: consume runs have none") }
            try ReportOutput.emit(ConsumeMergeReport.document(run), format: output.format, to: output.output,
                                  attachment: (ConsumeRun.jsonKey, run))
        }
    }
}
