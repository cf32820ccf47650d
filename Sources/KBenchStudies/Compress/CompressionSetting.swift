import KafkaCompression

/// One codec at one level as one client configures it (`zstd 3` for librdkafka, `snappy`).
package struct CompressionSetting: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The codec.
    package var type: CompressionType
    /// The level in the client's own scale (``ClientCompressionLevels``), canonical (librdkafka's
    /// −1 written as the default it runs); nil for codecs without levels.
    package var level: Int?
    /// The producer whose framing, levels, batch filling and codec calls are reproduced.
    package var client: ProducerClient

    /// A setting; `level` nil for snappy and none (or for the client's default).
    package init(_ type: CompressionType, level: Int? = nil, client: ProducerClient = .librdkafka) {
        self.type = type
        self.level = client.levels(type).canonical(level)
        self.client = client
    }

    /// `zstd 3`, `lz4 0`, `snappy`.
    package var label: String {
        level.map { "\(type) \($0)" } ?? type.description
    }

    /// The label.
    package var description: String { label }

    /// What the level means for the client, in a few words: `fast, default`, `HC`, `one raw block`.
    package var note: String { client.levels(type).note(level) }

    /// Client order (librdkafka, java), codec order (none, gzip, snappy, lz4, zstd), then level.
    package static func < (lhs: CompressionSetting, rhs: CompressionSetting) -> Bool {
        if lhs.client != rhs.client { return lhs.client == .librdkafka }
        if lhs.type != rhs.type { return lhs.type.rawValue < rhs.type.rawValue }
        return (lhs.level ?? Int.min) < (rhs.level ?? Int.min)
    }
}

/// Which codecs and levels a study sweeps per client: the defaults, or `--codecs` / `--levels`.
package enum CompressionSelection {
    /// Codecs measured when none are named: every codec but none (gzip, snappy, lz4, zstd).
    package static let defaultCodecs: [CompressionType] = CompressionType.allCases.filter { $0 != .none }

    /// The levels the compression benchmarks (Benchmarks/, on kbench's library scale) measure:
    /// gzip 1, 6 (default), 9; lz4 0 (fast) and 9 (HC); zstd -1 (fast), 1, 3 (default), 9, 19.
    /// The study sweeps each client's own levels (``ClientCompressionLevels/sweep``).
    static let sweptLevels: [CompressionType: [Int]] = [.gzip: [1, 6, 9], .lz4: [0, 9], .zstd: [-1, 1, 3, 9, 19]]

    /// The default settings of `clients` (``defaultCodecs`` at each client's
    /// ``ClientCompressionLevels/sweep``).
    package static func defaultSettings(clients: [ProducerClient] = ProducerClient.allCases) -> [CompressionSetting] {
        clients.flatMap { client in
            defaultCodecs.flatMap { type in client.levels(type).sweep.map { CompressionSetting(type, level: $0, client: client) } }
        }
    }

    /// The settings for `--codecs` (comma-separated names; nil = the defaults) and `--levels`
    /// values (each `codec:level,level…` in the client's own scale, several codecs in one value
    /// allowed: `zstd:1,3,gzip:6`), for every client of `clients`. `default` stands for a
    /// codec's default level and `fast` for lz4's fast compressor. Codecs keep the order given;
    /// levels are sorted and deduplicated after librdkafka's −1 and the like are written as the
    /// level they run. A level one of the clients refuses is an error naming that client.
    package static func settings(codecs: String?, levels: [String], clients: [ProducerClient] = ProducerClient.allCases) throws(CompressionSelectionError) -> [CompressionSetting] {
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
        var overrides: [CompressionType: [LevelText]] = [:]
        for value in levels {
            for (type, levelList) in try parseLevels(value) {
                if !chosen.contains(type) {
                    if codecs == nil { chosen.append(type) } else { throw .codecNotSelected(type) }
                }
                overrides[type, default: []] += levelList
            }
        }
        var settings: [CompressionSetting] = []
        for client in clients {
            for type in chosen {
                let clientLevels = client.levels(type)
                guard let list = overrides[type] else {
                    settings += clientLevels.sweep.map { CompressionSetting(type, level: $0, client: client) }
                    continue
                }
                var values: Set<Int> = []
                for text in list {
                    let value = try text.value(for: clientLevels)
                    guard clientLevels.accepts(value) else {
                        throw .levelRefused(client: client, codec: type, level: value, accepted: clientLevels.acceptedText)
                    }
                    if let level = clientLevels.canonical(value) { values.insert(level) }
                }
                settings += values.sorted().map { CompressionSetting(type, level: $0, client: client) }
            }
        }
        return settings
    }

    /// One level as written in `--levels`: a number, `default` or lz4's `fast`.
    struct LevelText {
        var codec: CompressionType
        var text: String

        /// The client value it stands for.
        func value(for levels: ClientCompressionLevels) throws(CompressionSelectionError) -> Int {
            switch text.lowercased() {
            case "default": return levels.defaultLevel ?? 0
            case "fast" where codec == .lz4: return levels.client == .java ? 9 : 0
            default:
                guard let number = Int(text) else { throw .invalidLevel(codec: codec, text: text) }
                return number
            }
        }
    }

    /// Parses one `--levels` value into codecs and their level texts.
    static func parseLevels(_ value: String) throws(CompressionSelectionError) -> [(CompressionType, [LevelText])] {
        var result: [(CompressionType, [LevelText])] = []
        for token in value.split(separator: ",", omittingEmptySubsequences: false).map({ String($0).trimmed }) {
            var levelText = token
            if let colon = token.firstIndex(of: ":") {
                let name = String(token[..<colon]).trimmed
                guard let type = CompressionType(name: name) else { throw .unknownCodec(name) }
                result.append((type, []))
                levelText = String(token[token.index(after: colon)...]).trimmed
            }
            guard let current = result.last?.0 else { throw .missingCodec(value) }
            guard current != .none, current != .snappy else { throw .noLevels(current) }
            let text = LevelText(codec: current, text: levelText)
            if !["default", "fast"].contains(levelText.lowercased()), Int(levelText) == nil {
                throw .invalidLevel(codec: current, text: levelText)
            }
            result[result.count - 1].1.append(text)
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
    /// A level the named client does not accept for the codec.
    case levelRefused(client: ProducerClient, codec: CompressionType, level: Int, accepted: String)
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
            "--levels '\(value)' must start with a codec, e.g. zstd:1,3,12"
        case .noLevels(let type):
            "\(type) has no levels (name it in --codecs without levels)"
        case .invalidLevel(let codec, let text):
            "'\(text)' is not a \(codec) level (expected integers, e.g. \(codec):\(CompressionLevels.of(codec).defaultLevel ?? 1))"
        case .levelOutOfRange(let codec, let level, let valid):
            "\(codec) level \(level) is out of range (valid: \(valid.lowerBound)...\(valid.upperBound))"
        case .levelRefused(let client, let codec, let level, let accepted):
            "\(client) does not accept \(codec) level \(level) (\(client.levels(codec).property ?? "level"): \(accepted))"
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
