import ArgumentParser
import Foundation
import KBenchReports
import KBenchStudies
import KBenchTerminal

/// `--format` and `--output`: the options of every command that prints a report document.
struct ReportFormatOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Output format: table, json, csv or markdown.", valueName: "format"))
    var format: ReportFormat = .table

    @Option(help: ArgumentHelp("Write the report to this file instead of stdout.", valueName: "file"))
    var output: String?

    /// Renders `document` in the chosen format to the chosen file (or stdout).
    func emit(_ document: ReportDocument) throws {
        try ReportOutput.emit(document, format: format, to: output)
    }
}

/// Where a report command's output goes: stdout, or `--output FILE`; SVG charts to
/// `--charts DIR`.
enum ReportOutput {
    /// Renders `document` in `format` and writes it to `path` (nil or `-`: stdout); JSON
    /// carries `attachment` as one more top-level member when given.
    static func emit(
        _ document: ReportDocument, format: ReportFormat, to path: String?,
        attachment: (key: String, value: any Encodable & Sendable)? = nil
    ) throws {
        let text: String
        do {
            let rendered = if format == .json, let attachment {
                try JSONReportRenderer().render(document, attaching: attachment.value, as: attachment.key)
            } else {
                try format.render(document)
            }
            // The renderers escape every cell; this is the net under them: nothing but the
            // format's own line breaks reaches the terminal or the file as a control.
            text = TerminalText.escaped(rendered, allowing: lineBreaks(of: format))
        } catch {
            throw CLIFailure("cannot render the report as \(format): \(error)")
        }
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        try write(Data(text.utf8), to: URL(fileURLWithPath: path))
    }

    /// Writes every chart of `document` as `<report id>-<chart id>.svg` into `directory`
    /// (created if needed); returns the files written.
    @discardableResult
    static func writeCharts(of document: ReportDocument, to directory: String) throws -> [String] {
        let renderer = SVGChartRenderer()
        return try writeFiles(document.allCharts.map { chart in
            (ResultsLayout.chartFileName(report: document.id, chart: chart.id), renderer.render(chart))
        }, to: directory)
    }

    /// Writes each text as the named file in `directory` (created if needed); returns the
    /// paths written.
    @discardableResult
    static func writeFiles(_ files: [(fileName: String, text: String)], to directory: String) throws -> [String] {
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CLIFailure("cannot create \(directory): \(fileErrorReason(error))")
        }
        var written: [String] = []
        for file in files {
            let url = folder.appendingPathComponent(file.fileName)
            try write(Data(file.text.utf8), to: url)
            written.append(url.path)
        }
        return written
    }

    /// Writes `data` to `url` atomically, or fails with one line.
    static func write(_ data: Data, to url: URL) throws {
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw CLIFailure("cannot write \(url.path): \(fileErrorReason(error))")
        }
    }

    /// Prints one line on stderr (notes that must not mix with the report on stdout), every
    /// control character in it — a line break included — shown escaped (``TerminalText``):
    /// the one place error and note lines quoting input (keys, file names, topics) go through.
    static func note(_ line: String) {
        FileHandle.standardError.write(Data("\(TerminalText.escaped(line))\n".utf8))
    }

    /// The controls `format` writes itself: newlines and tabs, and CSV's CRLF record ends.
    static func lineBreaks(of format: ReportFormat) -> TerminalText.AllowedControls {
        format == .csv ? TerminalText.AllowedControls.multiLine.union(.carriageReturn) : .multiLine
    }

    /// `--hgrm DIR`: writes each histogram's `.hgrm` file (``ProduceHistograms/hgrmFiles``,
    /// ``ProduceStudyRecord/hgrmFiles``) into `directory` and says which on
    /// stderr (`kbench COMMAND: wrote DIR/service.hgrm, …`).
    static func writeHistograms(_ files: [(fileName: String, text: String)], to directory: String, command: String) throws {
        let written = try writeFiles(files, to: directory)
        note("kbench \(command): wrote \(written.isEmpty ? "no histogram (nothing was measured)" : written.joined(separator: ", "))")
    }
}
