/// A folder that sits beside the reports of a results directory without being written by
/// `kbench report` (the repository's `results/golden` and `results/samples`): linked from
/// the contents page and from index.html when its README exists.
package struct ResultsCompanion: Sendable, Equatable {
    /// The folder's name inside the results directory.
    package var name: String
    /// One line saying what the folder holds (Markdown; backticks allowed).
    package var summary: String
    /// Files inside the folder linked besides its README.
    package var files: [String]

    /// A companion folder.
    package init(name: String, summary: String, files: [String]) {
        self.name = name
        self.summary = summary
        self.files = files
    }
}
