/// Builds an SVG document line by line, with indentation, escaped text and attributes,
/// and coordinates printed with at most two decimals — deterministic and readable.
struct SVGWriter {
    private(set) var lines: [String] = []
    private var depth = 0

    typealias Attributes = SVGAttributes

    /// Opens `<name …>` and indents what follows.
    mutating func open(_ name: String, _ attributes: Attributes = [:]) {
        append("<\(name)\(Self.attributeText(attributes))>")
        depth += 1
    }

    /// Closes the innermost element opened with `open`.
    mutating func close(_ name: String) {
        depth -= 1
        append("</\(name)>")
    }

    /// An element with escaped text content, or self-closing without it.
    mutating func element(_ name: String, _ attributes: Attributes = [:], text: String? = nil) {
        if let text {
            append("<\(name)\(Self.attributeText(attributes))>\(Escaping.xml(text))</\(name)>")
        } else {
            append("<\(name)\(Self.attributeText(attributes))/>")
        }
    }

    /// An element with a `<title>` child (a tooltip in browsers).
    mutating func element(_ name: String, _ attributes: Attributes, tooltip: String) {
        append("<\(name)\(Self.attributeText(attributes))><title>\(Escaping.xml(tooltip))</title></\(name)>")
    }

    /// A `<text>` element whose `<title>` child is its tooltip (e.g. the full form of a
    /// shortened label).
    mutating func textElement(_ attributes: Attributes, text: String, tooltip: String) {
        append("<text\(Self.attributeText(attributes))><title>\(Escaping.xml(tooltip))</title>\(Escaping.xml(text))</text>")
    }

    /// Replaces line `index` (as counted in ``lines``) by `line`, at the same indentation.
    mutating func replaceLine(at index: Int, with line: String) {
        guard lines.indices.contains(index) else { return }
        let indent = lines[index].prefix { $0 == " " }
        lines[index] = indent + line
    }

    /// The document as text, ending in a newline.
    var text: String {
        lines.joined(separator: "\n") + "\n"
    }

    private mutating func append(_ line: String) {
        lines.append(String(repeating: "  ", count: max(depth, 0)) + line)
    }

    private static func attributeText(_ attributes: Attributes) -> String {
        var text = ""
        for (name, value) in attributes.pairs {
            text += " \(name)=\"\(Escaping.xml(value))\""
        }
        return text
    }
}

/// A coordinate or length for SVG: at most two decimals, trailing zeros dropped, never `-0`.
func svg(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    return NumberText.trimmingZeros(NumberText.fixed(value, places: 2))
}

/// Attributes of an element in a fixed order (a dictionary would make output order
/// unstable). Written as a dictionary literal: `["x": "0", "y": "0"]`.
struct SVGAttributes: ExpressibleByDictionaryLiteral {
    var pairs: [(String, String)]

    init(dictionaryLiteral elements: (String, String)...) {
        pairs = elements
    }

    init(_ pairs: [(String, String)]) {
        self.pairs = pairs
    }

    static func + (lhs: SVGAttributes, rhs: SVGAttributes) -> SVGAttributes {
        SVGAttributes(lhs.pairs + rhs.pairs)
    }
}
