import KafkaCompression

/// One codec at one level, as a compression study measures it (`zstd 3`, `snappy`).
package struct CompressionSetting: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The codec.
    package var type: CompressionType
    /// The kbench level (see `CompressionLevels`); nil for codecs without levels.
    package var level: Int?

    /// A setting; `level` nil for snappy and none.
    package init(_ type: CompressionType, level: Int? = nil) {
        self.type = type
        self.level = level
    }

    /// `zstd 3`, `lz4 0`, `snappy`.
    package var label: String {
        level.map { "\(type) \($0)" } ?? type.description
    }

    /// The label.
    package var description: String { label }

    /// What the level means, in a few words: `fast, Java & librdkafka default`, `HC`, `ultra`.
    package var note: String {
        let codec = type.codec
        var words = codec.notes(CompressionOptions(level: level))
        if level != nil && level == codec.levels.defaultLevel { words.append("Java & librdkafka default") }
        return words.joined(separator: ", ")
    }

    /// Codec order (none, gzip, snappy, lz4, zstd), then level.
    package static func < (lhs: CompressionSetting, rhs: CompressionSetting) -> Bool {
        if lhs.type != rhs.type { return lhs.type.rawValue < rhs.type.rawValue }
        return (lhs.level ?? Int.min) < (rhs.level ?? Int.min)
    }
}

/// Which codecs and levels a study sweeps: the defaults, or `--codecs` / `--levels`.
package enum CompressionSelection {
    /// Codecs measured when none are named: every codec but none (gzip, snappy, lz4, zstd).
    package static let defaultCodecs: [CompressionType] = CompressionType.allCases.filter { $0 != .none }

    /// The levels a study sweeps and the benchmarks measure, where a codec has more worth
    /// comparing than its default: gzip 1, 6 (default), 9; lz4 0 (fast, both clients' default)
    /// and 9 (HC); zstd -1 (fast), 1, 3 (default), 9, 19.
    static let sweptLevels: [CompressionType: [Int]] = [.gzip: [1, 6, 9], .lz4: [0, 9], .zstd: [-1, 1, 3, 9, 19]]

    /// Levels measured per codec unless `--levels` names others: ``sweptLevels``, else the
    /// codec's default (nil for snappy and none).
    package static func defaultLevels(_ type: CompressionType) -> [Int?] {
        sweptLevels[type] ?? [type.codec.levels.defaultLevel]
    }

    /// The default settings (``defaultCodecs`` at their ``defaultLevels(_:)``).
    package static var defaultSettings: [CompressionSetting] {
        defaultCodecs.flatMap { type in defaultLevels(type).map { CompressionSetting(type, level: $0) } }
    }

    /// The settings for `--codecs` (comma-separated names; nil = the defaults) and `--levels`
    /// values (each `codec:level,level…`, several codecs in one value allowed:
    /// `zstd:1,3,gzip:6`). `default` stands for a codec's default level and `fast` for lz4's
    /// level 0. Codecs keep the order given; levels are sorted and deduplicated.
    package static func settings(codecs: String?, levels: [String]) throws(CompressionSelectionError) -> [CompressionSetting] {
        var chosen: [CompressionType] = []
        if let codecs {
            for name in codecs.split(separator: ",").map({ String($0).trimmed }) where !name.isEmpty {
                guard let type = CompressionType(name: name) else { throw .unknownCodec(name) }
                if !chosen.contains(type) { chosen.append(type) }
            }
            guard !chosen.isEmpty else { throw .noCodec }
        } else {
            chosen = defaultCodecs
        }
        var overrides: [CompressionType: [Int]] = [:]
        for value in levels {
            for (type, levelList) in try parseLevels(value) {
                if !chosen.contains(type) {
                    if codecs == nil { chosen.append(type) } else { throw .codecNotSelected(type) }
                }
                overrides[type, default: []] += levelList
            }
        }
        return chosen.flatMap { type -> [CompressionSetting] in
            guard let list = overrides[type] else {
                return defaultLevels(type).map { CompressionSetting(type, level: $0) }
            }
            return Set(list).sorted().map { CompressionSetting(type, level: $0) }
        }
    }

    /// Parses one `--levels` value into codecs and their levels, checking each level's range.
    static func parseLevels(_ value: String) throws(CompressionSelectionError) -> [(CompressionType, [Int])] {
        var result: [(CompressionType, [Int])] = []
        for token in value.split(separator: ",", omittingEmptySubsequences: false).map({ String($0).trimmed }) {
            var levelText = token
            if let colon = token.firstIndex(of: ":") {
                let name = String(token[..<colon]).trimmed
                guard let type = CompressionType(name: name) else { throw .unknownCodec(name) }
                result.append((type, []))
                levelText = String(token[token.index(after: colon)...]).trimmed
            }
            guard let current = result.last?.0 else { throw .missingCodec(value) }
            let levels = CompressionLevels.of(current)
            guard let accepted = levels.accepted else { throw .noLevels(current) }
            let level: Int
            switch levelText.lowercased() {
            case "default": level = levels.defaultLevel ?? 0
            case "fast" where current == .lz4: level = 0
            default:
                guard let number = Int(levelText) else { throw .invalidLevel(codec: current, text: levelText) }
                level = number
            }
            guard accepted.contains(level) else { throw .levelOutOfRange(codec: current, level: level, valid: accepted) }
            result[result.count - 1].1.append(level)
        }
        return result
    }
}

/// A `--codecs` or `--levels` value that names no valid setting.
package enum CompressionSelectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A codec name that is not `none`, `gzip`, `snappy`, `lz4` or `zstd`.
    case unknownCodec(String)
    /// `--codecs` selects nothing.
    case noCodec
    /// A `--levels` value that does not start with `codec:`.
    case missingCodec(String)
    /// Levels for a codec without levels (snappy, none).
    case noLevels(CompressionType)
    /// A level that is not a number.
    case invalidLevel(codec: CompressionType, text: String)
    /// A level outside the codec's range.
    case levelOutOfRange(codec: CompressionType, level: Int, valid: ClosedRange<Int>)
    /// `--levels` names a codec that `--codecs` leaves out.
    case codecNotSelected(CompressionType)

    /// One line.
    package var description: String {
        switch self {
        case .unknownCodec(let name):
            "unknown codec '\(name)' (expected one of: \(CompressionType.allCases.map(\.description).joined(separator: ", ")))"
        case .noCodec:
            "--codecs names no codec (expected e.g. gzip,zstd)"
        case .missingCodec(let value):
            "--levels '\(value)' must start with a codec, e.g. zstd:1,3,19"
        case .noLevels(let type):
            "\(type) has no levels (name it in --codecs without levels)"
        case .invalidLevel(let codec, let text):
            "'\(text)' is not a \(codec) level (expected integers, e.g. \(codec):\(CompressionLevels.of(codec).defaultLevel ?? 1))"
        case .levelOutOfRange(let codec, let level, let valid):
            "\(codec) level \(level) is out of range (valid: \(valid.lowerBound)...\(valid.upperBound))"
        case .codecNotSelected(let type):
            "--levels names \(type), which --codecs does not select"
        }
    }
}

fileprivate extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmed: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" { view.removeLast() }
        return String(view)
    }
}
