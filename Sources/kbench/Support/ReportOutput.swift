import ArgumentParser
import Foundation
import KBenchReports
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
    /// Renders `document` in `format` and writes it to `path` (nil or `-`: stdout).
    static func emit(_ document: ReportDocument, format: ReportFormat, to path: String?) throws {
        let text: String
        do {
            // The renderers escape every cell; this is the net under them: nothing but the
            // format's own line breaks reaches the terminal or the file as a control.
            text = TerminalText.escaped(try format.render(document), allowing: lineBreaks(of: format))
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
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CLIFailure("cannot create \(directory): \(fileErrorReason(error))")
        }
        let renderer = SVGChartRenderer()
        var written: [String] = []
        for chart in document.allCharts {
            let url = folder.appendingPathComponent(ResultsLayout.chartFileName(report: document.id, chart: chart.id))
            try write(Data(renderer.render(chart).utf8), to: url)
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
}
