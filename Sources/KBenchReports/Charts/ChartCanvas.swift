/// Drawing shared by every chart: the SVG root, title block, legend, axes and markers.
/// Every text and every data mark drawn is also recorded in ``layout``, so tests can check
/// that no label overlaps another label or a mark.
struct ChartCanvas {
    let style: ChartStyle
    var writer = SVGWriter()
    /// Boxes of the texts and marks drawn so far.
    private(set) var layout = ChartLayout()
    /// Line of the root's `<title>`.
    private var titleLine = 0

    /// Outer margin on every side.
    var margin: Double { style.textSize * 0.9 }

    init(style: ChartStyle) {
        self.style = style
    }

    /// Opens the root `<svg>` with a white background and an accessible title.
    mutating func begin(width: Double, height: Double, title: String, kind: String) {
        writer.open("svg", [
            "xmlns": "http://www.w3.org/2000/svg",
            "width": svg(width), "height": svg(height),
            "viewBox": "0 0 \(svg(width)) \(svg(height))",
            "role": "img", "class": "kbench-chart \(kind)",
            "font-family": style.fontFamily,
        ])
        titleLine = writer.lines.count
        writer.element("title", text: title)
        writer.element("rect", ["x": "0", "y": "0", "width": svg(width), "height": svg(height), "fill": "#FFFFFF"])
    }

    /// Replaces the chart's title (its tooltip) written by ``begin(width:height:title:kind:)``.
    mutating func retitle(_ title: String) {
        writer.replaceLine(at: titleLine, with: "<title>\(Escaping.xml(title))</title>")
    }

    /// Closes the root and returns the document.
    mutating func end() -> String {
        writer.close("svg")
        return writer.text
    }

    // MARK: Text

    /// Draws `content` with its baseline at `y`, anchored at `x`, and records its box.
    /// With `tooltip`, the text carries a `<title>` (e.g. the full text of a shortened one).
    mutating func text(_ content: String, x: Double, y: Double, anchor: TextAnchor = .start, size: Double,
                       bold: Bool = false, colour: String? = nil, attributes: SVGAttributes = [:],
                       tooltip: String? = nil) {
        var all = attributes + ["x": svg(x), "y": svg(y)]
        if anchor != .start { all = all + ["text-anchor": anchor.rawValue] }
        all = all + ["font-size": svg(size)]
        if bold { all = all + ["font-weight": "bold"] }
        if let colour { all = all + ["fill": colour] }
        if let tooltip {
            writer.textElement(all, text: content, tooltip: tooltip)
        } else {
            writer.element("text", all, text: content)
        }
        layout.texts.append(.init(content: content, box: Self.textBox(content, x: x, y: y, anchor: anchor,
                                                                       size: size, bold: bold)))
    }

    /// Draws `content` turned a quarter anticlockwise, centred on (`x`, `y`) (a y-axis title).
    mutating func verticalText(_ content: String, x: Double, y: Double, size: Double) {
        writer.element("text", [
            "class": "axis-title", "x": svg(x), "y": svg(y), "text-anchor": "middle",
            "transform": "rotate(-90 \(svg(x)) \(svg(y)))", "font-size": svg(size), "fill": ChartStyle.textColour,
        ], text: content)
        let upright = Self.textBox(content, x: x, y: y, anchor: .middle, size: size, bold: false)
        layout.texts.append(.init(content: content, box: ChartRect(
            left: x - (y - upright.top), top: y - upright.width / 2, width: upright.height, height: upright.width)))
    }

    /// Records a data mark (a bar, a marker) drawn by the caller.
    mutating func recordMark(_ box: ChartRect) {
        layout.marks.append(box)
    }

    /// The box `content` occupies when drawn at baseline `y`: the font's full height
    /// (ascent 0.93 em, descent 0.24 em, as browsers measure text) and its advance width.
    static func textBox(_ content: String, x: Double, y: Double, anchor: TextAnchor, size: Double,
                        bold: Bool) -> ChartRect {
        let width = ChartStyle.textWidth(content, size: size, bold: bold)
        let left: Double = switch anchor {
        case .start: x
        case .middle: x - width / 2
        case .end: x - width
        }
        return ChartRect(left: left, top: y - size * 0.93, width: width, height: size * 1.17)
    }

    /// `text` broken at spaces into lines no wider than `width` (a word longer than a line
    /// stays whole).
    static func wrap(_ text: String, width: Double, size: Double, bold: Bool) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if !line.isEmpty, ChartStyle.textWidth(candidate, size: size, bold: bold) > width {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        lines.append(line)
        return lines
    }

    /// `text` shortened with "…" to fit `width` (unchanged when it fits).
    static func fitted(_ text: String, width: Double, size: Double, bold: Bool) -> String {
        guard ChartStyle.textWidth(text, size: size, bold: bold) > width else { return text }
        var characters = Array(text)
        while !characters.isEmpty, ChartStyle.textWidth(String(characters) + "…", size: size, bold: bold) > width {
            characters.removeLast()
        }
        return String(characters).trimmingTrailingSpaces + "…"
    }

    /// A comma-separated list shortened to its first items and "+N more" to fit `width`
    /// (`"java, java:sticky +7 more"`); shortened with "…" when even one item is too wide.
    static func fittedList(_ text: String, width: Double, size: Double, bold: Bool) -> String {
        guard ChartStyle.textWidth(text, size: size, bold: bold) > width else { return text }
        let items = text.split(separator: ", ")
        for kept in stride(from: items.count - 1, through: 1, by: -1) {
            let candidate = items.prefix(kept).joined(separator: ", ") + " +\(items.count - kept) more"
            if ChartStyle.textWidth(candidate, size: size, bold: bold) <= width { return candidate }
        }
        return fitted(text, width: width, size: size, bold: bold)
    }
}

/// Where a text's `x` sits on it (SVG `text-anchor`).
enum TextAnchor: String {
    case start, middle, end
}

private extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
