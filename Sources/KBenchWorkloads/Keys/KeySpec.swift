/// A generated key stream, as written on the command line (`--generate SPEC`):
///
/// | spec | keys |
/// |---|---|
/// | `seq:PREFIX:N` | `PREFIX0`, `PREFIX1`, … `PREFIX(N-1)` (PREFIX may be empty or hold `:`) |
/// | `uuid:N` | N random version-4 UUIDs in their 36-character text form (Java's `UUIDSerializer`) |
/// | `random:LEN:N` | N random keys of LEN bytes from the base64url alphabet `A–Z a–z 0–9 - _` |
/// | `zipf:S:N[:KEYS]` | N draws from `key-1` … `key-KEYS` (KEYS defaults to N), rank k with probability ∝ 1/k^S: hot keys |
///
/// Counts accept `_` separators and the decimal suffixes `k`, `M`, `G` (`1M` = 1,000,000).
/// Every random kind is determined by the generator's seed (see ``KeyGenerator``).
package enum KeySpec: Sendable, Hashable, CustomStringConvertible {
    /// `seq:PREFIX:N`: the prefix followed by 0 … N-1 in decimal.
    case sequence(prefix: String, count: Int)
    /// `uuid:N`: random version-4 UUIDs, lowercase text form.
    case uuid(count: Int)
    /// `random:LEN:N`: random base64url keys of `length` bytes.
    case random(length: Int, count: Int)
    /// `zipf:S:N[:KEYS]`: `count` draws among `distinctKeys` keys `key-<rank>`, Zipf-distributed
    /// with `exponent` S (0 = uniform; 1 = classic Zipf; larger = hotter head).
    case zipf(exponent: Double, count: Int, distinctKeys: Int)

    /// The longest key a spec may ask for (`random:LEN`): 1 MiB, Kafka's default message limit.
    package static let maximumKeyLength = 1 << 20
    /// The largest Zipf exponent accepted.
    package static let maximumZipfExponent = 100.0
    /// The forms accepted, for help text and errors.
    package static let syntax = "seq:PREFIX:N, uuid:N, random:LEN:N, zipf:S:N[:KEYS]"
    /// The prefix of Zipf keys (`key-1` is the hottest).
    package static let zipfKeyPrefix = "key-"

    /// Parses a spec (see the type's documentation).
    ///
    /// - Throws: ``KeySpecError`` naming the field at fault (its name and its text).
    package init(parsing text: String) throws(KeySpecError) {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let kind = fields.first, !text.isEmpty else { throw KeySpecError(spec: text, reason: .empty) }
        func count(_ field: String, name: String = "N") throws(KeySpecError) -> Int {
            try KeySpec.parseCount(field, name: name, spec: text)
        }
        switch kind.lowercased() {
        case "seq", "sequence":
            guard fields.count >= 3 else { throw KeySpecError(spec: text, reason: .fieldCount(kind: "seq", expected: "seq:PREFIX:N")) }
            let prefix = fields[1..<(fields.count - 1)].joined(separator: ":")
            guard prefix.utf8.count <= Self.maximumKeyLength - 20 else {
                throw KeySpecError(spec: text, reason: .outOfRange(field: "PREFIX", text: "\(prefix.utf8.count) bytes", allowed: "at most \(Self.maximumKeyLength - 20) bytes"))
            }
            self = .sequence(prefix: prefix, count: try count(fields[fields.count - 1]))
        case "uuid":
            guard fields.count == 2 else { throw KeySpecError(spec: text, reason: .fieldCount(kind: "uuid", expected: "uuid:N")) }
            self = .uuid(count: try count(fields[1]))
        case "random":
            guard fields.count == 3 else { throw KeySpecError(spec: text, reason: .fieldCount(kind: "random", expected: "random:LEN:N")) }
            let length = try count(fields[1], name: "LEN")
            guard length <= Self.maximumKeyLength else {
                throw KeySpecError(spec: text, reason: .outOfRange(field: "LEN", text: fields[1], allowed: "0 … \(Self.maximumKeyLength)"))
            }
            self = .random(length: length, count: try count(fields[2]))
        case "zipf":
            guard fields.count == 3 || fields.count == 4 else {
                throw KeySpecError(spec: text, reason: .fieldCount(kind: "zipf", expected: "zipf:S:N or zipf:S:N:KEYS"))
            }
            guard let exponent = Double(fields[1].trimmingCharacters(in: " ")), exponent.isFinite else {
                throw KeySpecError(spec: text, reason: .notANumber(field: "S", text: fields[1]))
            }
            guard exponent >= 0, exponent <= Self.maximumZipfExponent else {
                throw KeySpecError(spec: text, reason: .outOfRange(field: "S", text: fields[1], allowed: "0 … \(Int(Self.maximumZipfExponent))"))
            }
            let draws = try count(fields[2])
            let distinct = fields.count == 4 ? try count(fields[3], name: "KEYS") : Swift.max(draws, 1)
            guard distinct >= 1 else {
                throw KeySpecError(spec: text, reason: .outOfRange(field: "KEYS", text: fields[3], allowed: "at least 1"))
            }
            self = .zipf(exponent: exponent, count: draws, distinctKeys: distinct)
        default:
            throw KeySpecError(spec: text, reason: .unknownKind(kind))
        }
    }

    /// How many keys the spec yields.
    package var count: Int {
        switch self {
        case .sequence(_, let count), .uuid(let count), .random(_, let count), .zipf(_, let count, _): count
        }
    }

    /// Whether the keys depend on the seed (everything but `seq`).
    package var isSeeded: Bool {
        if case .sequence = self { return false }
        return true
    }

    /// The canonical spec text (parses back to an equal value).
    package var description: String {
        switch self {
        case .sequence(let prefix, let count): "seq:\(prefix):\(count)"
        case .uuid(let count): "uuid:\(count)"
        case .random(let length, let count): "random:\(length):\(count)"
        case .zipf(let exponent, let count, let distinct):
            distinct == Swift.max(count, 1) ? "zipf:\(Self.exponentText(exponent)):\(count)" : "zipf:\(Self.exponentText(exponent)):\(count):\(distinct)"
        }
    }

    /// One line for reports with counts written by `counting` (the keys themselves stay as
    /// they are): `1,000 Zipf(s=1.1) draws among 1,000 keys k1 … k1000`.
    package func summary(counting: (Int) -> String) -> String {
        switch self {
        case .sequence(let prefix, let count): "\(counting(count)) sequential keys \(prefix)0 … \(prefix)\(Swift.max(count - 1, 0))"
        case .uuid(let count): "\(counting(count)) random UUIDs (36-character text)"
        case .random(let length, let count): "\(counting(count)) random \(length)-byte base64url keys"
        case .zipf(let exponent, let count, let distinct):
            "\(counting(count)) Zipf(s=\(Self.exponentText(exponent))) draws among \(counting(distinct)) keys \(Self.zipfKeyPrefix)1 … \(Self.zipfKeyPrefix)\(distinct)"
        }
    }

    private static func exponentText(_ exponent: Double) -> String {
        exponent == exponent.rounded() && abs(exponent) < 1e15 ? String(Int(exponent)) : String(exponent)
    }

    /// Parses a non-negative count with ``Count/parse(_:)`` (`1000`, `1_000`, `10k`, `1M`).
    static func parseCount(_ field: String, name: String, spec: String) throws(KeySpecError) -> Int {
        let value: Int
        do {
            value = try Count.parse(field)
        } catch {
            switch error.reason {
            case .notANumber: throw KeySpecError(spec: spec, reason: .notANumber(field: name, text: field))
            case .tooLarge: throw KeySpecError(spec: spec, reason: .outOfRange(field: name, text: field, allowed: "at most \(Int.max)"))
            }
        }
        guard value >= 0 else { throw KeySpecError(spec: spec, reason: .outOfRange(field: name, text: field, allowed: "at least 0")) }
        return value
    }
}

/// Why a key spec could not be parsed: the spec and the field at fault.
package struct KeySpecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    package enum Reason: Sendable, Hashable {
        /// The spec is empty.
        case empty
        /// The first field is not `seq`, `uuid`, `random` or `zipf`.
        case unknownKind(String)
        /// The kind takes other fields (`expected` shows its form).
        case fieldCount(kind: String, expected: String)
        /// A numeric field (`field` is its name: `N`, `LEN`, `S`, `KEYS`) is not a number.
        case notANumber(field: String, text: String)
        /// A numeric field is outside `allowed`.
        case outOfRange(field: String, text: String, allowed: String)
    }

    /// The spec as given.
    package var spec: String
    /// What is wrong.
    package var reason: Reason

    /// An error for `spec`.
    package init(spec: String, reason: Reason) {
        self.spec = spec
        self.reason = reason
    }

    /// One line naming the spec and the field.
    package var description: String {
        let subject = "key spec '\(spec)'"
        switch reason {
        case .empty: return "empty key spec (expected one of \(KeySpec.syntax))"
        case .unknownKind(let kind): return "\(subject): unknown kind '\(kind)' (expected one of \(KeySpec.syntax))"
        case .fieldCount(let kind, let expected): return "\(subject): wrong number of fields for \(kind) (expected \(expected))"
        case .notANumber(let field, let text): return "\(subject): field \(field) '\(text)' is not a number"
        case .outOfRange(let field, let text, let allowed): return "\(subject): field \(field) '\(text)' is out of range (\(allowed))"
        }
    }
}

extension String {
    /// The string without leading and trailing `character`s.
    func trimmingCharacters(in character: Character) -> String {
        var view = Substring(self)
        while view.first == character { view.removeFirst() }
        while view.last == character { view.removeLast() }
        return String(view)
    }
}
