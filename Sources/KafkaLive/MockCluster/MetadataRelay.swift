#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// A Kafka-protocol relay in front of brokers on 127.0.0.1 (librdkafka's mock brokers): one
/// listening port per broker, each client connection relayed to its broker by two threads
/// (``RelayConnection``). Metadata requests' topic names reach `onMetadataTopics` before the
/// request reaches the broker (so a topic can be created first), and broker ports in Metadata
/// and FindCoordinator responses become relay ports (so clients never bypass the relay).
///
/// Frames above 100 MiB or with a negative size end their connection; everything else the
/// relay cannot parse passes untouched. ``stop()`` (call it once done: the relay's threads
/// keep it alive until then) ends every connection and thread and closes every socket.
package final class MetadataRelay: Sendable {
    private struct State {
        var stopping = false
        var connections: [ObjectIdentifier: RelayConnection] = [:]
    }

    private let state = Mutex(State())
    private let threads = DispatchGroup()
    private let listeners: [Int32]
    /// The `bootstrap.servers` value reaching every broker through the relay.
    package let bootstrapServers: String

    /// Starts relaying to the brokers at 127.0.0.1:`brokerPorts`, one relay port each.
    ///
    /// - Throws: ``KafkaLiveError/mockCluster(message:)`` when a port cannot be opened.
    package init(brokerPorts: [Int32], onMetadataTopics: @escaping @Sendable ([String]) -> Void) throws(KafkaLiveError) {
        var opened: [(descriptor: Int32, port: Int32)] = []
        do {
            for _ in brokerPorts { opened.append(try RelaySocket.listening()) }
        } catch {
            for listener in opened { close(listener.descriptor) }
            throw error
        }
        listeners = opened.map(\.descriptor)
        bootstrapServers = opened.map { "127.0.0.1:\($0.port)" }.joined(separator: ",")
        let ports = Dictionary(uniqueKeysWithValues: zip(brokerPorts, opened.map(\.port)))
        for (listener, brokerPort) in zip(listeners, brokerPorts) {
            spawn("kbench.relay-accept") { [self] in
                while let client = RelaySocket.accepted(on: listener) {
                    guard let broker = RelaySocket.connected(port: brokerPort) else {
                        close(client)
                        continue
                    }
                    serve(RelayConnection(client: client, broker: broker), ports: ports, onMetadataTopics: onMetadataTopics)
                }
            }
        }
    }

    /// Connections being relayed now.
    package var openConnections: Int { state.withLock { $0.connections.count } }

    /// Stops accepting, ends every connection, waits for every thread, closes every socket.
    /// Idempotent.
    package func stop() {
        let first = state.withLock { state in
            defer { state.stopping = true }
            for connection in state.connections.values { connection.endBoth() }
            return !state.stopping
        }
        guard first else { return }
        for listener in listeners { RelaySocket.shutdownBoth(listener) }
        threads.wait()
        for listener in listeners { close(listener) }
    }

    /// Registers `connection` and starts its two threads; the second to end closes it.
    private func serve(_ connection: RelayConnection, ports: [Int32: Int32], onMetadataTopics: @escaping @Sendable ([String]) -> Void) {
        let key = ObjectIdentifier(connection)
        let accepted = state.withLock { state in
            guard !state.stopping else { return false }
            state.connections[key] = connection
            return true
        }
        guard accepted else {
            close(connection.client)
            close(connection.broker)
            return
        }
        let finish: @Sendable () -> Void = { [self] in
            guard connection.directionEnded() else { return }
            // Under the lock: stop() never shuts down a descriptor already closed (and reused).
            state.withLock { state in
                state.connections[key] = nil
                close(connection.client)
                close(connection.broker)
            }
        }
        spawn("kbench.relay-requests") {
            connection.forwardRequests(onMetadataTopics: onMetadataTopics)
            finish()
        }
        spawn("kbench.relay-responses") {
            connection.forwardResponses(ports: ports)
            finish()
        }
    }

    /// Runs `body` on a thread of its own, counted in `threads`.
    private func spawn(_ name: String, _ body: @escaping @Sendable () -> Void) {
        threads.enter()
        let thread = Thread { [threads] in
            body()
            threads.leave()
        }
        thread.name = name
        thread.start()
    }
}
