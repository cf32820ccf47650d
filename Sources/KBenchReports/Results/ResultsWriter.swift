import Foundation

/// A report to write into a results directory, under a file-name-safe name.
package struct ResultsReport: Sendable, Hashable {
    /// File name stem: `hash` gives `hash.md`, `hash.json`, `hash-<chart>.svg`. Letters,
    /// digits, `-`, `_` and `.`, starting with a letter or digit.
    package var name: String
    /// The report; its charts (in the sections) become the SVG files.
    package var document: ReportDocument

    /// A named report.
    package init(name: String, document: ReportDocument) {
        self.name = name
        self.document = document
    }
}

/// File names inside a results directory — one place, shared by the writer, Markdown image
/// links and the HTML index.
package enum ResultsLayout {
    /// The HTML page tying the reports together.
    package static let indexFileName = "index.html"
    /// A Markdown contents page (GitHub shows it when browsing the directory).
    package static let readmeFileName = "README.md"
    /// The machine/date/version record.
    package static let machineFileName = "machine.json"

    /// `<report>.md`
    package static func markdownFileName(report: String) -> String { "\(report).md" }
    /// `<report>.json`
    package static func jsonFileName(report: String) -> String { "\(report).json" }
    /// `<report>-<chart>.svg`
    package static func chartFileName(report: String, chart: String) -> String { "\(report)-\(chart).svg" }

    /// Whether `name` is usable as a report name or chart id in file names.
    package static func isSafeName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.utf8.count <= 100 else { return false }
        let allowed: (Unicode.Scalar) -> Bool = { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "_" || scalar == ".")
        }
        return allowed(first) && first != "-" && first != "." && first != "_" && name.unicodeScalars.allSatisfy(allowed)
    }
}

/// Why a results directory could not be written.
package enum ResultsWriterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A report name is not file-name-safe.
    case invalidReportName(String)
    /// Two reports share a name.
    case duplicateReportName(String)
    /// A chart id is not file-name-safe, or two charts of one report share it.
    case invalidChartID(report: String, chart: String)
    /// Creating the directory or writing a file failed.
    case writeFailed(path: String, reason: String)

    /// One line naming the offending name or path.
    package var description: String {
        switch self {
        case .invalidReportName(let name):
            "invalid report name '\(Escaping.singleLine(name))' (use letters, digits, '-', '_', '.')"
        case .duplicateReportName(let name): "two reports are named '\(name)'"
        case .invalidChartID(let report, let chart):
            "report '\(report)': chart id '\(Escaping.singleLine(chart))' is invalid or used twice"
        case .writeFailed(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}

/// Writes a results directory: for each report `<name>.md`, `<name>.json` and
/// `<name>-<chart>.svg`; then `index.html`, `README.md` and `machine.json`. Creates the
/// directory (and parents); every file is written atomically (temporary file + rename),
/// so readers never see half a file. SVG files left from an earlier run of the same
/// reports are removed.
package struct ResultsWriter: Sendable {
    /// The directory written into.
    package var directory: URL
    /// Title of the index page.
    package var title: String
    /// Renderer of the SVG files (and of the charts inlined in the index).
    package var chartRenderer: SVGChartRenderer

    /// A writer into `directory`.
    package init(directory: URL, title: String = "kbench results", chartRenderer: SVGChartRenderer = SVGChartRenderer()) {
        self.directory = directory
        self.title = title
        self.chartRenderer = chartRenderer
    }

    /// Validates the names, then writes every file.
    /// - Returns: the files written, in writing order.
    /// - Throws: ``ResultsWriterError`` before writing anything for a bad name; while
    ///   writing, for the first file that fails.
    @discardableResult
    package func write(_ reports: [ResultsReport], machine: MachineInfo) throws(ResultsWriterError) -> [URL] {
        try validate(reports)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: directory.path, reason: Self.reason(error))
        }
        let json = JSONReportRenderer()
        var files: [(String, String)] = []
        for report in reports {
            let name = report.name
            let markdown = MarkdownRenderer { chart in ResultsLayout.chartFileName(report: name, chart: chart.id) }
            let footer = "\n---\n\n" + Escaping.markdown("Run: \(machine.summaryLine)") + "\n"
            files.append((ResultsLayout.markdownFileName(report: name), markdown.render(report.document) + footer))
            files.append((ResultsLayout.jsonFileName(report: name), try encode { try json.render(report.document) }))
            for chart in report.document.allCharts {
                files.append((ResultsLayout.chartFileName(report: name, chart: chart.id), chartRenderer.render(chart)))
            }
        }
        let html = HTMLRenderer(chartRenderer: chartRenderer)
        files.append((ResultsLayout.indexFileName,
                      html.renderIndex(title: title, machine: machine, reports: reports, companions: presentCompanions())))
        files.append((ResultsLayout.readmeFileName, readme(reports, machine: machine)))
        files.append((ResultsLayout.machineFileName, try encode { try json.render(value: machine) }))

        var written: [URL] = []
        for (fileName, text) in files {
            let url = directory.appendingPathComponent(fileName)
            do {
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw .writeFailed(path: url.path, reason: Self.reason(error))
            }
            written.append(url)
        }
        removeStaleCharts(of: reports, keeping: Set(files.map(\.0)))
        return written
    }

    /// A Markdown contents page: machine facts and links to every report and chart.
    func readme(_ reports: [ResultsReport], machine: MachineInfo) -> String {
        let markdown = MarkdownRenderer()
        var blocks = ["# " + Escaping.markdown(title), markdown.render(facts: machine.facts)]
        var list: [String] = []
        for report in reports {
            let md = MarkdownRenderer.escapedPath(ResultsLayout.markdownFileName(report: report.name))
            let json = MarkdownRenderer.escapedPath(ResultsLayout.jsonFileName(report: report.name))
            list.append("- [\(Escaping.markdown(report.document.title))](\(md)) ([JSON](\(json)))")
        }
        blocks.append(list.joined(separator: "\n"))
        blocks.append("Open [index.html](index.html) for every table and chart on one page;"
                      + " [machine.json](machine.json) has the machine record.")
        let companions = presentCompanions()
        if !companions.isEmpty {
            blocks.append("Also here, not written by `kbench report`:\n\n" + companions.map { folder in
                "- [\(folder.name)/](\(folder.name)/README.md): \(folder.summary)"
            }.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// Folders with their own README that may sit next to the reports (the repository's
    /// `results/` has both), listed in the contents page and in index.html when present.
    static let companionFolders: [ResultsCompanion] = [
        ResultsCompanion(
            name: "golden",
            summary: "the published partitioner vectors (every hash and strategy for 10,000 keys); `kbench golden --check` verifies them",
            files: ["strategies.csv", "partition-vectors.csv"]),
        ResultsCompanion(
            name: "instructions",
            summary: "instructions per batch of decoding 1 KiB batches, kbench against the bare codec call, counted by valgrind's callgrind (`scripts/decode-instructions.sh`, run by `./dev.sh report`)",
            files: []),
        ResultsCompanion(
            name: "samples",
            summary: "batches, log segments (v0/v1 and v2) and a broker data directory written with kafka-python and Kafka's storage rules, for `kbench inspect`",
            files: []),
    ]

    /// The companion folders whose README exists in ``directory``, each with only the listed
    /// files that exist (so every link written resolves).
    func presentCompanions() -> [ResultsCompanion] {
        let manager = FileManager.default
        return Self.companionFolders.compactMap { folder in
            let base = directory.appendingPathComponent(folder.name)
            guard manager.fileExists(atPath: base.appendingPathComponent("README.md").path) else { return nil }
            var present = folder
            present.files = folder.files.filter { manager.fileExists(atPath: base.appendingPathComponent($0).path) }
            return present
        }
    }

    private func validate(_ reports: [ResultsReport]) throws(ResultsWriterError) {
        var names: Set<String> = []
        for report in reports {
            guard ResultsLayout.isSafeName(report.name) else { throw .invalidReportName(report.name) }
            guard names.insert(report.name).inserted else { throw .duplicateReportName(report.name) }
            var chartIDs: Set<String> = []
            for chart in report.document.allCharts {
                guard ResultsLayout.isSafeName(chart.id), chartIDs.insert(chart.id).inserted else {
                    throw .invalidChartID(report: report.name, chart: chart.id)
                }
            }
        }
    }

    /// Deletes `<report>-*.svg` files not written by this run (charts that no longer exist).
    private func removeStaleCharts(of reports: [ResultsReport], keeping written: Set<String>) {
        guard let existing = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        let prefixes = reports.map { "\($0.name)-" }
        for file in existing where file.hasSuffix(".svg") && !written.contains(file) {
            if prefixes.contains(where: { file.hasPrefix($0) }) {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(file))
            }
        }
    }

    private func encode(_ body: () throws -> String) throws(ResultsWriterError) -> String {
        do {
            return try body()
        } catch {
            throw .writeFailed(path: directory.path, reason: "JSON encoding failed: \(error)")
        }
    }

    private static func reason(_ error: any Error) -> String {
        fileErrorReason(error)
    }
}
