import Testing
@testable import KafkaLive

/// Hand-built Kafka frames (size prefix excluded, as the parsers take them).
struct FrameBuilder {
    var bytes: [UInt8] = []

    mutating func int16(_ value: Int16) { bytes += withUnsafeBytes(of: value.bigEndian, Array.init) }
    mutating func int32(_ value: Int32) { bytes += withUnsafeBytes(of: value.bigEndian, Array.init) }
    mutating func string(_ value: String?) {
        guard let value else { return int16(-1) }
        int16(Int16(value.utf8.count))
        bytes += Array(value.utf8)
    }

    /// A request header: api key, version, correlation id, client id.
    static func request(key: Int16, version: Int16, correlationId: Int32 = 7, clientId: String? = "kbench") -> FrameBuilder {
        var frame = FrameBuilder()
        frame.int16(key)
        frame.int16(version)
        frame.int32(correlationId)
        frame.string(clientId)
        return frame
    }

    /// A Metadata request naming `topics` (nil: a null array, all topics).
    static func metadataRequest(version: Int16, topics: [String]?, clientId: String? = "kbench") -> [UInt8] {
        var frame = request(key: 3, version: version, clientId: clientId)
        frame.int32(topics.map { Int32($0.count) } ?? -1)
        for topic in topics ?? [] { frame.string(topic) }
        return frame.bytes
    }

    /// A Metadata response (correlation id 7) listing `brokers` (node id, port), host 127.0.0.1.
    static func metadataResponse(version: Int16, brokers: [(Int32, Int32)], rack: String? = nil) -> [UInt8] {
        var frame = FrameBuilder()
        frame.int32(7)
        frame.int32(Int32(brokers.count))
        for (node, port) in brokers {
            frame.int32(node)
            frame.string("127.0.0.1")
            frame.int32(port)
            if version >= 1 { frame.string(rack) }
        }
        if version >= 2 { frame.string("mockCluster") }
        if version >= 1 { frame.int32(1) }
        frame.int32(0)  // no topics
        return frame.bytes
    }

    /// A FindCoordinator response (correlation id 7) naming node 2 at `port`.
    static func findCoordinatorResponse(version: Int16, port: Int32, errorMessage: String? = nil) -> [UInt8] {
        var frame = FrameBuilder()
        frame.int32(7)
        if version >= 1 { frame.int32(0) }  // throttle
        frame.int16(0)
        if version >= 1 { frame.string(errorMessage) }
        frame.int32(2)
        frame.string("127.0.0.1")
        frame.int32(port)
        return frame.bytes
    }
}

@Suite("MetadataRelayFrames: the relay's parsing of hand-built, truncated and hostile frames")
struct MetadataRelayFramesTests {
    typealias Frames = MetadataRelayFrames
    let ports: [Int32: Int32] = [9001: 40001, 9002: 40002]

    /// The ports a Metadata or FindCoordinator response carries, read back after the rewrite.
    func port(at offsetFromEnd: Int, of frame: [UInt8]) -> Int32 {
        var reader = FrameReader(frame, from: frame.count - offsetFromEnd)
        return reader.int32() ?? -999
    }

    @Test("frame sizes: negative and above 100 MiB are refused, 0…100 MiB accepted")
    func frameSizes() {
        #expect(Frames.frameSize(prefix: 0) == 0)
        #expect(Frames.frameSize(prefix: 100 << 20) == 100 << 20)
        #expect(Frames.frameSize(prefix: (100 << 20) + 1) == nil)
        #expect(Frames.frameSize(prefix: 0xFFFF_FFFF) == nil, "-1")
        #expect(Frames.frameSize(prefix: 0x8000_0000) == nil, "Int32.min")
        #expect(Frames.frameSize(prefix: 0x7FFF_FFFF) == nil)
    }

    @Test("request headers: key, version, correlation id; shorter than 8 bytes is nil")
    func requestHeaders() {
        let frame = FrameBuilder.request(key: 10, version: 1, correlationId: -5).bytes
        #expect(Frames.requestHeader(frame) == .init(apiKey: 10, apiVersion: 1, correlationId: -5))
        #expect(Frames.requestHeader(Array(frame.prefix(7))) == nil)
        #expect(Frames.requestHeader([]) == nil)
        #expect(Frames.isRewritten(.init(apiKey: 3, apiVersion: 2, correlationId: 0)))
        #expect(Frames.isRewritten(.init(apiKey: 10, apiVersion: 0, correlationId: 0)))
        #expect(!Frames.isRewritten(.init(apiKey: 3, apiVersion: 3, correlationId: 0)), "beyond the mock's v2")
        #expect(!Frames.isRewritten(.init(apiKey: 0, apiVersion: 2, correlationId: 0)), "Produce")
    }

    @Test("Metadata requests v0–v2: topic names; all topics (v0 empty, v1+ null) and none give []")
    func metadataTopics() {
        for version: Int16 in 0...2 {
            #expect(Frames.metadataTopics(FrameBuilder.metadataRequest(version: version, topics: ["fresh", "orders.eu"])) == ["fresh", "orders.eu"])
            #expect(Frames.metadataTopics(FrameBuilder.metadataRequest(version: version, topics: [])) == [])
            #expect(Frames.metadataTopics(FrameBuilder.metadataRequest(version: version, topics: ["t"], clientId: nil)) == ["t"], "null client id")
        }
        #expect(Frames.metadataTopics(FrameBuilder.metadataRequest(version: 1, topics: nil)) == [])
        #expect(Frames.metadataTopics(FrameBuilder.metadataRequest(version: 3, topics: ["t"])) == nil, "v3 is not parsed")
        var produce = FrameBuilder.request(key: 0, version: 2)
        produce.int32(1)
        produce.string("t")
        #expect(Frames.metadataTopics(produce.bytes) == nil, "not Metadata")
    }

    @Test("Metadata requests truncated anywhere, with hostile counts, lengths or bytes: nil, no crash")
    func metadataHostile() {
        let whole = FrameBuilder.metadataRequest(version: 1, topics: ["alpha", "beta"])
        for length in 0..<whole.count {
            #expect(Frames.metadataTopics(Array(whole.prefix(length))) == nil, "truncated at \(length)")
        }
        var huge = FrameBuilder.request(key: 3, version: 1)
        huge.int32(Int32.max)
        huge.string("only-one")
        #expect(Frames.metadataTopics(huge.bytes) == nil)
        var negative = FrameBuilder.request(key: 3, version: 1)
        negative.int32(-2)
        #expect(Frames.metadataTopics(negative.bytes) == nil)
        var longName = FrameBuilder.request(key: 3, version: 1)
        longName.int32(1)
        longName.int16(Int16.max)
        longName.bytes += Array("short".utf8)
        #expect(Frames.metadataTopics(longName.bytes) == nil)
        var nullName = FrameBuilder.request(key: 3, version: 1)
        nullName.int32(1)
        nullName.string(nil)
        #expect(Frames.metadataTopics(nullName.bytes) == nil)
        var invalidUTF8 = FrameBuilder.request(key: 3, version: 1)
        invalidUTF8.int32(1)
        invalidUTF8.int16(2)
        invalidUTF8.bytes += [0xC3, 0x28]
        #expect(Frames.metadataTopics(invalidUTF8.bytes) == nil)
        var hostileClientId = FrameBuilder.request(key: 3, version: 1, clientId: nil)
        hostileClientId.bytes.removeLast(2)
        hostileClientId.int16(30_000)
        #expect(Frames.metadataTopics(hostileClientId.bytes) == nil)
    }

    @Test("Metadata responses v0–v2: every known broker port becomes its relay port, same width")
    func metadataRewrite() {
        for version: Int16 in 0...2 {
            for rack in [nil, "rack-a"] {
                let original = FrameBuilder.metadataResponse(version: version, brokers: [(1, 9001), (2, 9002), (3, 7777)], rack: rack)
                var frame = original
                #expect(Frames.rewriteBrokerPorts(in: &frame, answering: .init(apiKey: 3, apiVersion: version), ports: ports))
                #expect(frame.count == original.count)
                let expected = FrameBuilder.metadataResponse(version: version, brokers: [(1, 40001), (2, 40002), (3, 7777)], rack: rack)
                #expect(frame == expected, "v\(version) rack \(rack ?? "null")")
            }
        }
    }

    @Test("FindCoordinator responses v0–v2: the coordinator's port is rewritten; an unknown port (-1 on error) is kept")
    func findCoordinatorRewrite() {
        for version: Int16 in 0...2 {
            var frame = FrameBuilder.findCoordinatorResponse(version: version, port: 9002, errorMessage: version >= 1 ? "fine" : nil)
            #expect(Frames.rewriteBrokerPorts(in: &frame, answering: .init(apiKey: 10, apiVersion: version), ports: ports))
            #expect(port(at: 4, of: frame) == 40002)
            var failed = FrameBuilder.findCoordinatorResponse(version: version, port: -1)
            let before = failed
            #expect(Frames.rewriteBrokerPorts(in: &failed, answering: .init(apiKey: 10, apiVersion: version), ports: ports))
            #expect(failed == before)
        }
    }

    @Test("responses truncated anywhere, with hostile counts, or of versions not parsed: false and unchanged")
    func responsesHostile() {
        let metadata = FrameBuilder.metadataResponse(version: 1, brokers: [(1, 9001), (2, 9002)], rack: "r")
        let brokersEnd = metadata.count - 4 - 4 - 4  // controller id, topic count: not needed
        for length in 0..<brokersEnd {
            var frame = Array(metadata.prefix(length))
            let before = frame
            #expect(!Frames.rewriteBrokerPorts(in: &frame, answering: .init(apiKey: 3, apiVersion: 1), ports: ports), "truncated at \(length)")
            #expect(frame == before)
        }
        let coordinator = FrameBuilder.findCoordinatorResponse(version: 1, port: 9001)
        for length in 0..<coordinator.count {
            var frame = Array(coordinator.prefix(length))
            #expect(!Frames.rewriteBrokerPorts(in: &frame, answering: .init(apiKey: 10, apiVersion: 1), ports: ports), "truncated at \(length)")
        }
        var hostile = FrameBuilder()
        hostile.int32(7)
        hostile.int32(Int32.max)
        hostile.int32(1)
        var frame = hostile.bytes
        #expect(!Frames.rewriteBrokerPorts(in: &frame, answering: .init(apiKey: 3, apiVersion: 0), ports: ports))
        var newer = metadata
        #expect(!Frames.rewriteBrokerPorts(in: &newer, answering: .init(apiKey: 3, apiVersion: 3), ports: ports))
        #expect(newer == metadata)
        var produce = metadata
        #expect(!Frames.rewriteBrokerPorts(in: &produce, answering: .init(apiKey: 0, apiVersion: 1), ports: ports))
    }

    @Test("response correlation ids; shorter than 4 bytes is nil")
    func correlationIds() {
        #expect(Frames.responseCorrelationId(FrameBuilder.findCoordinatorResponse(version: 0, port: 1)) == 7)
        #expect(Frames.responseCorrelationId([0, 0, 7]) == nil)
    }
}
