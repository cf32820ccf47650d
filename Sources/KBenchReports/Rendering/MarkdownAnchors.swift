/// The anchors GitHub gives Markdown headings, so a Markdown report can link to its own
/// sections: lower-cased, punctuation dropped (letters, digits, `-` and `_` kept), spaces as
/// `-`; a repeated anchor gets `-1`, `-2`… in document order.
struct MarkdownAnchors {
    private var used: [String: Int] = [:]

    /// An empty set of anchors.
    init() {}

    /// The anchor of the next heading titled `title`.
    mutating func next(_ title: String) -> String {
        let base = Self.slug(title)
        let seen = used[base, default: 0]
        used[base] = seen + 1
        return seen == 0 ? base : "\(base)-\(seen)"
    }

    /// `Key set random:16:1000000` → `key-set-random161000000`.
    static func slug(_ title: String) -> String {
        var slug = ""
        for character in title.lowercased() {
            if character == " " {
                slug.append("-")
            } else if character.isLetter || character.isNumber || character == "-" || character == "_" {
                slug.append(character)
            }
        }
        return slug
    }
}
