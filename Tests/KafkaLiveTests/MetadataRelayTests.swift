#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Testing
@testable import KafkaLive

/// The relay loop between a client socket and a stand-in broker (a listening socket of the
/// test): frames pass whole whatever the read sizes, Metadata topics are handed over before the
/// broker sees the request, ports are rewritten, hostile sizes and closes end both sides.
@Suite("MetadataRelay: the relay loop with a stand-in broker and with a mock cluster")
struct MetadataRelayTests {
    /// A relay in front of one stand-in broker, a client connected through it, and the
    /// broker's end of that connection.
    final class Setup: @unchecked Sendable {
        let brokerListener: Int32
        let brokerPort: Int32
        let relay: MetadataRelay
        let client: Int32
        let broker: Int32
        let box = SeenBox()

        init() throws {
            (brokerListener, brokerPort) = try RelaySocket.listening()
            relay = try MetadataRelay(brokerPorts: [brokerPort]) { [box] topics in box.append(topics) }
            let relayPort = try #require(Int32(relay.bootstrapServers.split(separator: ":").last ?? ""))
            client = try #require(RelaySocket.connected(port: relayPort))
            broker = try #require(RelaySocket.accepted(on: brokerListener))
        }

        var relayPort: Int32 { Int32(relay.bootstrapServers.split(separator: ":").last ?? "") ?? -1 }

        deinit {
            relay.stop()
            close(client)
            close(broker)
            close(brokerListener)
        }
    }

    /// Topic lists handed to the relay's callback.
    final class SeenBox: Sendable {
        private let lists = Mutex<[[String]]>([])
        func append(_ topics: [String]) { lists.withLock { $0.append(topics) } }
        var all: [[String]] { lists.withLock { $0 } }
    }

    /// `payload` with its 4-byte size prefix.
    static func framed(_ payload: [UInt8]) -> [UInt8] {
        withUnsafeBytes(of: Int32(payload.count).bigEndian, Array.init) + payload
    }

    /// Waits (at most 20 s) until `condition` holds.
    static func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if condition() { return true }
            usleep(5_000)
        }
        return condition()
    }

    @Test("a Metadata request written in pieces reaches the broker whole, its topics handed over first; the response's ports become relay ports")
    func metadataRoundTrip() throws {
        let setup = try Setup()
        let request = Self.framed(FrameBuilder.metadataRequest(version: 1, topics: ["fresh", "other"]))
        for piece in [request[0..<2], request[2..<9], request[9...]] {
            #expect(RelaySocket.writeAll(to: setup.client, Array(piece)))
            usleep(2_000)
        }
        let received = try #require(RelayConnection.readFrame(from: setup.broker))
        #expect(received == request, "relayed untouched")
        #expect(setup.box.all == [["fresh", "other"]], "handed over before the broker saw it")

        let response = FrameBuilder.metadataResponse(version: 1, brokers: [(1, setup.brokerPort), (2, 7777)])
        #expect(RelaySocket.writeAll(to: setup.broker, Self.framed(response)))
        let relayed = try #require(RelayConnection.readFrame(from: setup.client))
        let expected = FrameBuilder.metadataResponse(version: 1, brokers: [(1, setup.relayPort), (2, 7777)])
        #expect(relayed == Self.framed(expected))

        // A response nobody asked to rewrite (correlation id 7 already answered) passes untouched.
        #expect(RelaySocket.writeAll(to: setup.broker, Self.framed(response)))
        #expect(try #require(RelayConnection.readFrame(from: setup.client)) == Self.framed(response))
    }

    @Test("other requests, and an empty frame, pass untouched; no topics are handed over")
    func untouched() throws {
        let setup = try Setup()
        var produce = FrameBuilder.request(key: 0, version: 7)
        produce.bytes += Array(repeating: 0xAB, count: 3 << 20)  // larger than one 1 MiB read
        for frame in [Self.framed(produce.bytes), Self.framed([]), Self.framed([1, 2, 3])] {
            #expect(RelaySocket.writeAll(to: setup.client, frame))
            #expect(try #require(RelayConnection.readFrame(from: setup.broker)) == frame)
        }
        #expect(setup.box.all.isEmpty)
    }

    @Test("hostile sizes (negative, above 100 MiB) close the connection on both sides without allocating", arguments: [UInt32(0xFFFF_FFFF), UInt32(0x7FFF_FFFF), UInt32((100 << 20) + 1)])
    func hostileSize(prefix: UInt32) throws {
        let setup = try Setup()
        #expect(RelaySocket.writeAll(to: setup.client, withUnsafeBytes(of: prefix.bigEndian, Array.init) + [1, 2, 3, 4]))
        #expect(RelayConnection.readFrame(from: setup.broker) == nil, "the broker's side is closed")
        #expect(RelayConnection.readFrame(from: setup.client) == nil, "the client's side is closed")
        #expect(Self.eventually { setup.relay.openConnections == 0 })
    }

    @Test("a side closing closes the other: broker closes → client sees the end; mid-frame too")
    func closePropagates() throws {
        let setup = try Setup()
        #expect(RelaySocket.writeAll(to: setup.broker, [0, 0, 0, 10, 1, 2]))  // 6 of 14 bytes
        RelaySocket.shutdownBoth(setup.broker)
        #expect(RelayConnection.readFrame(from: setup.client) == nil)
        #expect(Self.eventually { setup.relay.openConnections == 0 })
    }

    @Test("through a mock cluster: 200 connections opened and closed leave none open, and stop() joins every thread")
    func manyConnections() throws {
        let cluster = try MockCluster(brokers: 1)
        let relay = try cluster.startAutoCreateRelay(partitions: 3, replicationFactor: 1)
        let port = try #require(Int32(relay.bootstrapServers.split(separator: ":").last ?? ""))
        let apiVersions = FrameBuilder.request(key: 18, version: 0, correlationId: 1)
        for index in 0..<200 {
            let client = try #require(RelaySocket.connected(port: port))
            if index % 2 == 0 {
                #expect(RelaySocket.writeAll(to: client, Self.framed(apiVersions.bytes)))
                let response = try #require(RelayConnection.readFrame(from: client), "an ApiVersions response")
                #expect(MetadataRelayFrames.responseCorrelationId(Array(response[4...])) == 1)
            }
            close(client)
        }
        #expect(Self.eventually { relay.openConnections == 0 }, "\(relay.openConnections) still open")
        // Topics named in a Metadata request are created with the relay's count.
        let client = try #require(RelaySocket.connected(port: port))
        #expect(RelaySocket.writeAll(to: client, Self.framed(FrameBuilder.metadataRequest(version: 1, topics: ["relayed"]))))
        _ = try #require(RelayConnection.readFrame(from: client))
        close(client)
        let metadata = try KafkaProducer(configuration: KafkaConfiguration(["bootstrap.servers": cluster.bootstrapServers, "log_level": "0"]))
        #expect(try metadata.topics(timeoutMilliseconds: 10_000)["relayed"] == 3)
        relay.stop()
        relay.stop()
        #expect(relay.openConnections == 0)
        cluster.shutdown()
    }
}
