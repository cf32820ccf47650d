/// Keeps a number and its unit on one line in flowing text (findings on a narrow page, where a
/// table cell never wraps but a sentence does): the space between a number and the unit after
/// it becomes a no-break space (U+00A0), and so does the space between an SI prefix and the
/// unit word after it (`12.0 M keys/s`, `137 k records/s`).
///
/// A number is a word ending in a digit (`8.73`, `1,000,000`, `p99`); a unit is one of
/// ``units`` once trailing punctuation is set aside (`ms,` `ms)` `KiB>`). Other spaces stay.
package enum NonBreakingUnits {
    /// The no-break space.
    package static let space: Character = "\u{00A0}"

    /// Units kbench writes after a number (``UnitText``, ``NumberRule``, the reports' sentences).
    static let units: Set<Substring> = [
        "B", "KiB", "MiB", "GiB", "TiB", "PiB", "kB", "MB", "GB", "TB", "PB",
        "B/s", "kB/s", "MB/s", "GB/s", "TB/s", "PB/s", "/s", "k/s", "M/s", "G/s",
        "ns", "µs", "ms", "s", "min", "h", "%", "×",
        "records/s", "keys/s", "records", "keys", "bytes", "cells",
    ]
    /// SI prefixes written as a word of their own before a unit word (``UnitText/rate(_:unit:)``).
    static let prefixes: Set<Substring> = ["k", "M", "G", "T", "P"]
    /// Punctuation that may follow a unit inside a sentence.
    static let trailingPunctuation: Set<Character> = [",", ";", ":", ".", ")", "]", ">", "'", "\""]

    /// `text` with the spaces between numbers and their units made no-break.
    package static func apply(_ text: String) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        guard words.count > 1 else { return text }
        var result = String(words[0])
        var previousWasPrefix = false
        for index in 1..<words.count {
            let previous = words[index - 1], word = words[index]
            let core = word.prefix { !trailingPunctuation.contains($0) }
            let afterNumber = previous.last.map { $0.isASCII && $0.isNumber } ?? false
            let joins = (afterNumber && (units.contains(core) || prefixes.contains(core))) || (previousWasPrefix && units.contains(core))
            previousWasPrefix = joins && afterNumber && prefixes.contains(core) && core.count == word.count
            result.append(joins ? space : " ")
            result += word
        }
        return result
    }
}
