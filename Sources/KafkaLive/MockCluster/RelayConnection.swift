import Synchronization

/// One client connection relayed to one mock broker, by two threads: requests (client →
/// broker; Metadata requests' topics handed to `onMetadataTopics` before they are forwarded)
/// and responses (broker → client; broker ports in Metadata and FindCoordinator responses
/// rewritten to relay ports). The first direction to end shuts both sockets down, so the
/// other ends too; ``MetadataRelay`` closes them once both have.
final class RelayConnection: Sendable {
    /// The client's socket.
    let client: Int32
    /// The socket to the mock broker.
    let broker: Int32
    /// Requests awaiting the response the relay rewrites, by correlation id.
    private let pending = Mutex<[Int32: MetadataRelayFrames.PendingRequest]>([:])
    /// Directions (requests, responses) still relaying.
    private let directionsLeft = Mutex(2)
    /// Requests a client may leave unanswered at once before the relay drops it as hostile.
    static let maximumPending = 10_000

    /// A connection between `client` and `broker` (both connected sockets it now owns).
    init(client: Int32, broker: Int32) {
        self.client = client
        self.broker = broker
    }

    /// Relays requests until either side ends.
    func forwardRequests(onMetadataTopics: @Sendable ([String]) -> Void) {
        while let frame = Self.readFrame(from: client) {
            if let header = MetadataRelayFrames.requestHeader(Array(frame[4..<min(frame.count, 12)])) {
                if MetadataRelayFrames.isRewritten(header) {
                    let accepted = pending.withLock { pending in
                        guard pending.count < Self.maximumPending else { return false }
                        pending[header.correlationId] = MetadataRelayFrames.PendingRequest(apiKey: header.apiKey, apiVersion: header.apiVersion)
                        return true
                    }
                    guard accepted else { break }
                }
                if header.apiKey == MetadataRelayFrames.metadataKey,
                   let topics = MetadataRelayFrames.metadataTopics(Array(frame[4...])), !topics.isEmpty {
                    onMetadataTopics(topics)
                }
            }
            guard RelaySocket.writeAll(to: broker, frame) else { break }
        }
        endBoth()
    }

    /// Relays responses until either side ends, rewriting broker ports found in `ports`.
    func forwardResponses(ports: [Int32: Int32]) {
        while var frame = Self.readFrame(from: broker) {
            if let correlationId = MetadataRelayFrames.responseCorrelationId(Array(frame[4..<min(frame.count, 8)])),
               let request = pending.withLock({ $0.removeValue(forKey: correlationId) }) {
                var payload = Array(frame[4...])
                if MetadataRelayFrames.rewriteBrokerPorts(in: &payload, answering: request, ports: ports) {
                    frame.replaceSubrange(4..., with: payload)
                }
            }
            guard RelaySocket.writeAll(to: client, frame) else { break }
        }
        endBoth()
    }

    /// Counts one direction as ended; true for the last one (which closes the sockets).
    func directionEnded() -> Bool {
        directionsLeft.withLock { left in
            left -= 1
            return left == 0
        }
    }

    /// Shuts both sockets down (each direction's blocked read returns).
    func endBoth() {
        RelaySocket.shutdownBoth(client)
        RelaySocket.shutdownBoth(broker)
    }

    /// One frame, its 4-byte size prefix included; `nil` at the end of the stream, on an
    /// error, or when the size is negative or above ``MetadataRelayFrames/maximumFrameSize``.
    /// Memory grows with the bytes that arrive (1 MiB at a time), not with the size announced.
    static func readFrame(from descriptor: Int32) -> [UInt8]? {
        var frame = [UInt8](repeating: 0, count: 4)
        guard RelaySocket.fill(from: descriptor, into: &frame, 0..<4) else { return nil }
        let prefix = frame.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard let size = MetadataRelayFrames.frameSize(prefix: prefix) else { return nil }
        while frame.count < size + 4 {
            let start = frame.count
            let chunk = min(size + 4 - start, 1 << 20)
            frame.append(contentsOf: repeatElement(0, count: chunk))
            guard RelaySocket.fill(from: descriptor, into: &frame, start..<start + chunk) else { return nil }
        }
        return frame
    }
}
