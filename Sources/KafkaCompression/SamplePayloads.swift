import KBenchRandom

/// Deterministic payloads for tests, benchmarks and reports: the same seed gives the same bytes
/// on every machine, so compression ratios can be compared across runs.
public enum SamplePayloads {
    /// The generator behind every sample: SplitMix64, tiny, fast and fully specified.
    public typealias Generator = SplitMix64

    /// `count` uniformly random bytes (incompressible).
    public static func randomBytes(count: Int, seed: UInt64 = 1) -> [UInt8] {
        var generator = Generator(seed: seed)
        var bytes = [UInt8]()
        bytes.reserveCapacity(count + 8)
        while bytes.count < count {
            withUnsafeBytes(of: generator.next().littleEndian) { bytes.append(contentsOf: $0) }
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    private static let eventTypes = ["page_view", "add_to_cart", "checkout", "login", "search", "purchase", "logout"]
    private static let countries = ["DE", "US", "FR", "JP", "BR", "IN", "GB", "CA", "NL", "SE"]
    private static let devices = ["ios", "android", "web", "desktop"]
    private static let paths = ["/", "/cart", "/checkout", "/search", "/product/", "/account", "/help"]

    /// One JSON event of the kind producers send: ids, timestamps, enums, numbers, a path.
    /// About 230 bytes; event `index` of a given `seed` is always the same text.
    public static func jsonEvent(index: Int, generator: inout Generator) -> [UInt8] {
        let user = generator.next() % 50_000
        let session = generator.next() % 1_000_000_000
        let millis = 1_700_000_000_000 + UInt64(index) * 37 + generator.next() % 37
        let type = eventTypes[Int(generator.next() % UInt64(eventTypes.count))]
        let country = countries[Int(generator.next() % UInt64(countries.count))]
        let device = devices[Int(generator.next() % UInt64(devices.count))]
        var path = paths[Int(generator.next() % UInt64(paths.count))]
        if path == "/product/" { path += String(generator.next() % 10_000) }
        let cents = generator.next() % 100_000
        let latency = generator.next() % 900
        let text = """
            {"event_id":"\(String(generator.next(), radix: 16))","type":"\(type)","user_id":\(user),\
            "session":"s-\(session)","ts":\(millis),"country":"\(country)","device":"\(device)",\
            "path":"\(path)","amount_cents":\(cents),"latency_ms":\(latency),"ok":\(latency < 800)}
            """
        return Array(text.utf8)
    }

    /// JSON events (see ``jsonEvent(index:generator:)``) until at least `totalBytes` bytes.
    public static func jsonEvents(totalBytes: Int, seed: UInt64 = 42) -> [[UInt8]] {
        var generator = Generator(seed: seed)
        var events: [[UInt8]] = []
        var total = 0
        while total < totalBytes {
            let event = jsonEvent(index: events.count, generator: &generator)
            total += event.count
            events.append(event)
        }
        return events
    }

    /// JSON events joined by newlines, cut to exactly `count` bytes.
    public static func jsonText(count: Int, seed: UInt64 = 42) -> [UInt8] {
        var bytes = jsonEvents(totalBytes: count, seed: seed).joined(separator: [0x0A]).map { $0 }
        bytes.removeLast(Swift.max(0, bytes.count - count))
        return bytes
    }
}
