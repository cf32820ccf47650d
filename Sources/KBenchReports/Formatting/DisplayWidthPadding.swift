import KBenchTerminal

extension DisplayWidth {
    /// `text` padded with spaces to `width` columns, on the side `alignment` asks for
    /// (centred text puts the odd space on the right). Wider text is returned unchanged.
    package static func padded(_ text: String, to width: Int, alignment: ReportAlignment) -> String {
        let missing = width - of(text)
        guard missing > 0 else { return text }
        switch alignment {
        case .left: return text + String(repeating: " ", count: missing)
        case .right: return String(repeating: " ", count: missing) + text
        case .center:
            let left = missing / 2
            return String(repeating: " ", count: left) + text + String(repeating: " ", count: missing - left)
        }
    }
}
