#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The blocking POSIX TCP calls ``MetadataRelay`` makes, on 127.0.0.1 only. A socket is a
/// plain descriptor; its owner closes it once.
enum RelaySocket {
    /// A socket listening on 127.0.0.1 at a port the system picks, and that port.
    static func listening() throws(KafkaLiveError) -> (descriptor: Int32, port: Int32) {
        let descriptor = try makeSocket()
        var on: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 128) == 0 else {
            let reason = lastError()
            close(descriptor)
            throw .mockCluster(message: "the relay cannot listen on 127.0.0.1: \(reason)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return (descriptor, Int32(UInt16(bigEndian: address.sin_port)))
    }

    /// A socket connected to 127.0.0.1:`port`, `nil` when the connection is refused.
    static func connected(port: Int32) -> Int32? {
        guard let descriptor = try? makeSocket() else { return nil }
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            return nil
        }
        noDelay(descriptor)
        return descriptor
    }

    /// The next accepted connection, `nil` once the listener is shut down or broken.
    static func accepted(on listener: Int32) -> Int32? {
        while true {
            let descriptor = accept(listener, nil, nil)
            if descriptor >= 0 {
                noDelay(descriptor)
                return descriptor
            }
            switch errno {
            case EINTR, ECONNABORTED: continue
            case EMFILE, ENFILE, ENOBUFS, ENOMEM: usleep(10_000)  // out of descriptors: wait, keep serving
            default: return nil
            }
        }
    }

    /// Fills `buffer[range]` from `descriptor`; false on end of stream or error.
    static func fill(from descriptor: Int32, into buffer: inout [UInt8], _ range: Range<Int>) -> Bool {
        buffer.withUnsafeMutableBytes { bytes in
            repeatUntilDone(range) { index in recv(descriptor, bytes.baseAddress! + index, range.upperBound - index, 0) }
        }
    }

    /// Writes all of `bytes` to `descriptor` (no SIGPIPE); false on error.
    static func writeAll(to descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            repeatUntilDone(0..<buffer.count) { index in
                send(descriptor, buffer.baseAddress! + index, buffer.count - index, Int32(MSG_NOSIGNAL))
            }
        }
    }

    /// Calls `step` (a `recv` or `send` from an index, returning its byte count) until `range`
    /// is done; false on end of stream or error (EINTR retried).
    private static func repeatUntilDone(_ range: Range<Int>, _ step: (Int) -> Int) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            let count = step(index)
            if count > 0 {
                index += count
            } else if count < 0, errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// Ends both directions of `descriptor` (wakes a thread blocked reading or accepting on it).
    static func shutdownBoth(_ descriptor: Int32) {
        _ = shutdown(descriptor, Int32(SHUT_RDWR))
    }

    private static func makeSocket() throws(KafkaLiveError) -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .mockCluster(message: "the relay cannot open a socket: \(lastError())") }
        return descriptor
    }

    private static func noDelay(_ descriptor: Int32) {
        var on: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    private static func loopback(port: Int32) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(truncatingIfNeeded: port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
