import Foundation

/// A previous results directory (`kbench report --baseline DIR`): the reports' JSON it holds,
/// by report name.
package struct BaselineRun: Sendable {
    /// The directory as given.
    package var directory: String
    /// The reports found (`hash` → the document of `hash.json`).
    package var documents: [String: ReportDocument]

    /// A baseline from its parts.
    package init(directory: String, documents: [String: ReportDocument]) {
        self.directory = directory
        self.documents = documents
    }

    /// Reads `<name>.json` of every name in `reports` from `directory`; a report the directory
    /// lacks is left out (each report then says so).
    /// - Throws: ``BaselineError`` when the directory does not exist or is not one, a report's
    ///   JSON cannot be read or is not a report, or it holds none of the reports.
    package static func load(_ directory: String, reports: [String]) throws(BaselineError) -> BaselineRun {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw BaselineError(directory: directory, problem: "no such directory")
        }
        guard isDirectory.boolValue else { throw BaselineError(directory: directory, problem: "not a directory") }
        var documents: [String: ReportDocument] = [:]
        for report in reports {
            let url = URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(ResultsLayout.jsonFileName(report: report))
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw BaselineError(directory: directory, problem: "cannot read \(url.lastPathComponent): \(fileErrorReason(error))")
            }
            do {
                documents[report] = try JSONReportRenderer.makeDecoder().decode(ReportDocument.self, from: data)
            } catch {
                throw BaselineError(directory: directory, problem: "\(url.lastPathComponent) is not a kbench report's JSON (written by kbench report)")
            }
        }
        if documents.isEmpty {
            let names = reports.map { ResultsLayout.jsonFileName(report: $0) }.joined(separator: ", ")
            throw BaselineError(directory: directory, problem: "holds none of \(names) (give a results directory written by kbench report)")
        }
        return BaselineRun(directory: directory, documents: documents)
    }
}

/// Why a baseline directory cannot be used, in one line naming it.
package struct BaselineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The directory as given.
    package var directory: String
    /// What is wrong.
    package var problem: String

    /// An error from its parts.
    package init(directory: String, problem: String) {
        self.directory = directory
        self.problem = problem
    }

    /// `--baseline old: no such directory`.
    package var description: String { "--baseline \(directory): \(problem)" }
}
