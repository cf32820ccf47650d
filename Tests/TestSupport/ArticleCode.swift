import Foundation

/// Keeps the Swift code of a DocC article identical to code a test compiles and runs.
///
/// The test file marks each region the article shows, in order, inside the test that runs it:
///
/// ```swift
/// // article-code: begin
/// let key = Array("kafka".utf8)
/// // article-code: end
/// ```
///
/// Every fenced `swift` block of the article must equal the corresponding region with the
/// begin marker's indentation removed, byte for byte, and the counts must match; so an edit to
/// either side alone fails the test that compares them.
public enum ArticleCode {
    /// The line (after indentation) that opens a region.
    public static let beginMarker = "// article-code: begin"
    /// The line (after indentation) that closes a region.
    public static let endMarker = "// article-code: end"

    /// The fenced ```` ```swift ```` blocks of Markdown `text`, in order, without their fences.
    public static func swiftBlocks(inMarkdown text: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if var open = current {
                if line == "```" {
                    blocks.append(open.joined(separator: "\n"))
                    current = nil
                } else {
                    open.append(line)
                    current = open
                }
            } else if line == "```swift" {
                current = []
            }
        }
        return blocks
    }

    /// The marked regions of Swift `source`, in order, each without the begin marker's
    /// indentation; a region line indented less than its marker (other than an empty line)
    /// is kept whole, so it shows up as a difference.
    public static func markedRegions(inSource source: String) -> [String] {
        var regions: [String] = []
        var current: (indent: Int, lines: [Substring])?
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " }.count
            let content = line.dropFirst(indent)
            if var open = current {
                if content == endMarker {
                    regions.append(open.lines.joined(separator: "\n"))
                    current = nil
                } else {
                    let blank = line.allSatisfy { $0 == " " }
                    open.lines.append(blank ? "" : indent >= open.indent ? line.dropFirst(open.indent) : line)
                    current = open
                }
            } else if content == beginMarker {
                current = (indent, [])
            }
        }
        return regions
    }

    /// Nil when the article's Swift blocks are exactly the source's marked regions; else the
    /// first difference: which block, which line, both texts.
    public static func mismatch(article: String, source: String) -> String? {
        let blocks = swiftBlocks(inMarkdown: article)
        let regions = markedRegions(inSource: source)
        guard !blocks.isEmpty else { return "the article has no ```swift block" }
        guard blocks.count == regions.count else {
            return "the article has \(blocks.count) ```swift blocks, the test marks \(regions.count) regions"
        }
        for (index, (block, region)) in zip(blocks, regions).enumerated() where block != region {
            let blockLines = block.split(separator: "\n", omittingEmptySubsequences: false)
            let regionLines = region.split(separator: "\n", omittingEmptySubsequences: false)
            let common = min(blockLines.count, regionLines.count)
            let line = (0..<common).first { blockLines[$0] != regionLines[$0] } ?? common
            let shown = { (lines: [Substring]) in line < lines.count ? "'\(lines[line])'" : "(no line)" }
            return "block \(index + 1), line \(line + 1): article \(shown(blockLines)), test \(shown(regionLines))"
        }
        return nil
    }

    /// ``mismatch(article:source:)`` for the article at `articlePath` (relative to the
    /// repository root) and the test source at `sourcePath` (pass `#filePath`).
    public static func mismatch(articleAt articlePath: String, sourceAt sourcePath: String) throws -> String? {
        let article = try String(contentsOf: Repository.file(articlePath), encoding: .utf8)
        let source = try String(contentsOf: URL(fileURLWithPath: sourcePath), encoding: .utf8)
        return mismatch(article: article, source: source)
    }
}
