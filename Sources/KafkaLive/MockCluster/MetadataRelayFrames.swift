/// The few Kafka protocol frames ``MetadataRelay`` looks into, parsed from bytes it has not
/// trusted yet: request headers, the topic names of Metadata requests, and the broker ports of
/// Metadata and FindCoordinator responses (rewritten in place, same width).
///
/// Only the versions librdkafka 2.0.2's mock cluster serves are parsed (its ApiVersions
/// advertises Metadata and FindCoordinator v0–v2, none flexible); anything else, truncated or
/// malformed yields `nil`/`false` and the relay passes the frame on untouched.
enum MetadataRelayFrames {
    /// The largest frame (size prefix excluded) a relay accepts: 100 MiB.
    static let maximumFrameSize = 100 << 20
    /// Metadata's API key.
    static let metadataKey: Int16 = 3
    /// FindCoordinator's API key.
    static let findCoordinatorKey: Int16 = 10
    /// The highest version of either API parsed (the mock cluster's maximum).
    static let highestParsedVersion: Int16 = 2

    /// The fixed start of a request: API key, version and the correlation id its response repeats.
    struct RequestHeader: Sendable, Hashable {
        /// The API key (3 Metadata, 10 FindCoordinator, …).
        var apiKey: Int16
        /// The API version.
        var apiVersion: Int16
        /// The id the response repeats.
        var correlationId: Int32
    }

    /// The request a response answers, when it is one the relay rewrites.
    struct PendingRequest: Sendable, Hashable {
        /// The API key.
        var apiKey: Int16
        /// The API version.
        var apiVersion: Int16
    }

    /// The frame size a 4-byte prefix announces, or `nil` when it is negative or above
    /// ``maximumFrameSize`` (the connection is then closed).
    static func frameSize(prefix: UInt32) -> Int? {
        let size = Int(Int32(bitPattern: prefix))
        return (0...maximumFrameSize).contains(size) ? size : nil
    }

    /// The header of a request frame (size prefix excluded), `nil` when shorter than 8 bytes.
    static func requestHeader(_ frame: [UInt8]) -> RequestHeader? {
        var reader = FrameReader(frame)
        guard let apiKey = reader.int16(), let apiVersion = reader.int16(), let correlationId = reader.int32() else { return nil }
        return RequestHeader(apiKey: apiKey, apiVersion: apiVersion, correlationId: correlationId)
    }

    /// Whether the relay rewrites the response to a request with `header`.
    static func isRewritten(_ header: RequestHeader) -> Bool {
        (header.apiKey == metadataKey || header.apiKey == findCoordinatorKey)
            && (0...highestParsedVersion).contains(header.apiVersion)
    }

    /// The topic names a Metadata v0–v2 request names (empty: all topics, or none), `nil` when
    /// the frame is another request, another version, or malformed.
    static func metadataTopics(_ frame: [UInt8]) -> [String]? {
        guard let header = requestHeader(frame), header.apiKey == metadataKey,
              (0...highestParsedVersion).contains(header.apiVersion) else { return nil }
        var reader = FrameReader(frame, from: 8)
        guard reader.skipNullableString(), let count = reader.int32() else { return nil }
        guard count > 0 else { return count >= -1 ? [] : nil }
        var topics: [String] = []
        for _ in 0..<count {
            guard let topic = reader.string() else { return nil }
            topics.append(topic)
        }
        return topics
    }

    /// The correlation id of a response frame, `nil` when shorter than 4 bytes.
    static func responseCorrelationId(_ frame: [UInt8]) -> Int32? {
        var reader = FrameReader(frame)
        return reader.int32()
    }

    /// Rewrites, in place, every broker port of a Metadata or FindCoordinator (v0–v2) response
    /// found in `ports` (mock broker port → relay port). Returns false, leaving `frame`
    /// unchanged, when the response does not parse as `request` says it should.
    static func rewriteBrokerPorts(in frame: inout [UInt8], answering request: PendingRequest, ports: [Int32: Int32]) -> Bool {
        guard (0...highestParsedVersion).contains(request.apiVersion) else { return false }
        let positions: [Int]?
        switch request.apiKey {
        case metadataKey: positions = metadataPortPositions(frame, version: request.apiVersion)
        case findCoordinatorKey: positions = findCoordinatorPortPositions(frame, version: request.apiVersion)
        default: positions = nil
        }
        guard let positions else { return false }
        for position in positions {
            var reader = FrameReader(frame, from: position)
            guard let port = reader.int32(), let relayPort = ports[port] else { continue }
            withUnsafeBytes(of: relayPort.bigEndian) { frame.replaceSubrange(position..<position + 4, with: $0) }
        }
        return true
    }

    /// Where the port of each broker of a Metadata response sits (after the correlation id:
    /// brokers = int32 count, each node_id int32, host string, port int32, rack nullable v1+).
    private static func metadataPortPositions(_ frame: [UInt8], version: Int16) -> [Int]? {
        var reader = FrameReader(frame, from: 4)
        guard let count = reader.int32(), count >= 0, count <= frame.count / 10 else { return nil }
        var positions: [Int] = []
        for _ in 0..<count {
            guard reader.int32() != nil, reader.skipNullableString() else { return nil }
            positions.append(reader.index)
            guard reader.int32() != nil else { return nil }
            if version >= 1 { guard reader.skipNullableString() else { return nil } }
        }
        return positions
    }

    /// Where the coordinator's port sits in a FindCoordinator response (v0: error_code, node_id,
    /// host, port; v1+: throttle_time_ms, error_code, error_message, node_id, host, port).
    private static func findCoordinatorPortPositions(_ frame: [UInt8], version: Int16) -> [Int]? {
        var reader = FrameReader(frame, from: 4)
        if version >= 1 { guard reader.int32() != nil else { return nil } }
        guard reader.int16() != nil else { return nil }
        if version >= 1 { guard reader.skipNullableString() else { return nil } }
        guard reader.int32() != nil, reader.skipNullableString() else { return nil }
        let position = reader.index
        return reader.int32() != nil ? [position] : nil
    }
}

/// A bounds-checked big-endian reader over one frame: every read returns `nil` (or false)
/// rather than reading past the end.
struct FrameReader {
    private let bytes: [UInt8]
    /// The next index to read.
    private(set) var index: Int

    /// A reader of `bytes` starting at `index`.
    init(_ bytes: [UInt8], from index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    /// The next `width` bytes as a big-endian integer.
    private mutating func integer(width: Int) -> UInt64? {
        guard index >= 0, width <= bytes.count - index else { return nil }
        var value: UInt64 = 0
        for byte in bytes[index..<index + width] { value = value << 8 | UInt64(byte) }
        index += width
        return value
    }

    /// An int16.
    mutating func int16() -> Int16? { integer(width: 2).map { Int16(truncatingIfNeeded: $0) } }

    /// An int32.
    mutating func int32() -> Int32? { integer(width: 4).map { Int32(truncatingIfNeeded: $0) } }

    /// A (non-null) int16-length string; `nil` when truncated or not UTF-8.
    mutating func string() -> String? {
        guard let length = int16(), length >= 0, Int(length) <= bytes.count - index else { return nil }
        defer { index += Int(length) }
        return String(validating: bytes[index..<index + Int(length)], as: UTF8.self)
    }

    /// Skips an int16-length string that may be null (-1); false when truncated or malformed.
    mutating func skipNullableString() -> Bool {
        guard let length = int16(), length >= -1, Int(max(length, 0)) <= bytes.count - index else { return false }
        index += Int(max(length, 0))
        return true
    }
}
