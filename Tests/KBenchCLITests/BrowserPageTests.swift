import Foundation
import Testing
import TestSupport

/// `index.html` as a reader sees it: rendered by Debian's Chromium in headless mode at a
/// desktop width (1280 px) and a phone width (390 px), through Tests/python/browser_check.py.
/// Fails — never skips — when Chromium is missing, saying what to install.
@Suite("results page in headless Chromium")
struct BrowserPageTests {
    /// The widths a page must fit: a laptop window and a phone.
    static let widths = [1280, 390]

    @Test("the committed results/ page fits both widths, its charts' labels do not overlap, every link resolves")
    func committedResults() throws {
        try BrowserPage.check(directory: Repository.file("results"))
    }

    @Test("a fresh `kbench report --quick` page fits both widths, its charts' labels do not overlap, every link resolves")
    func quickReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-browser-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try KBenchExecutable.run(["report", "--quick", "--output-dir", directory.path])
        try #require(report.status == 0, "\(report.err)")
        try BrowserPage.check(directory: directory)
    }
}

/// What headless Chromium measured on one page at one width.
struct BrowserMeasurement: Decodable {
    /// A pair of chart labels whose boxes intersect.
    struct Overlap: Decodable {
        /// The chart's caption.
        let chart: String
        /// The first label's text.
        let first: String
        /// The second label's text.
        let second: String
    }

    /// The emulated viewport width (CSS px).
    let width: Int
    /// The document's scroll width: above `width`, the page scrolls sideways.
    let scrollWidth: Int
    /// Overlapping labels, per chart.
    let overlaps: [Overlap]
    /// Every `href` and `src` of the page.
    let links: [String]
    /// Every element id (the in-page anchors).
    let ids: [String]
}

/// Runs the browser check on a results directory's `index.html` and records every problem.
enum BrowserPage {
    static func check(directory: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let page = directory.appendingPathComponent("index.html")
        try #require(FileManager.default.fileExists(atPath: page.path), "\(page.path) missing", sourceLocation: sourceLocation)
        let output = try PythonHelper.run(script: "browser_check.py", arguments: [page.path] + BrowserPageTests.widths.map(String.init))
        let measurements = try String(decoding: output, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode(BrowserMeasurement.self, from: Data($0.utf8))
        }
        #expect(measurements.map(\.width) == BrowserPageTests.widths, sourceLocation: sourceLocation)
        for measured in measurements {
            #expect(measured.scrollWidth <= measured.width,
                    "page scrolls sideways at \(measured.width) px: \(measured.scrollWidth) px wide", sourceLocation: sourceLocation)
            let overlaps = measured.overlaps.map { "\($0.chart): '\($0.first)' × '\($0.second)'" }
            #expect(overlaps.isEmpty, "overlapping chart labels at \(measured.width) px:\n\(overlaps.joined(separator: "\n"))",
                    sourceLocation: sourceLocation)
        }
        if let first = measurements.first {
            let broken = brokenLinks(first.links, ids: Set(first.ids), directory: directory)
            #expect(broken.isEmpty, "broken links or missing assets: \(broken.joined(separator: ", "))", sourceLocation: sourceLocation)
        }
    }

    /// Links that name neither an element of the page (`#id`) nor a file of the directory.
    /// Anything with a scheme fails too: the page must work offline.
    static func brokenLinks(_ links: [String], ids: Set<String>, directory: URL) -> [String] {
        links.filter { link in
            if link.hasPrefix("#") { return !ids.contains(String(link.dropFirst()).removingPercentEncoding ?? "") }
            if link.contains(":") { return true }
            let path = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            guard !path.isEmpty, let decoded = String(path).removingPercentEncoding else { return true }
            return !FileManager.default.fileExists(atPath: directory.appendingPathComponent(decoded).path)
        }
    }
}
