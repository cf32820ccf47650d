/// The benchmark's payload: flat JSON events of about 230 bytes (ids, a timestamp, enums,
/// numbers, a path), the same bytes for a seed on every machine and in every run, so that
/// figures compare across runs. kbench's own JSON corpus (KBenchWorkloads' `json`) is richer
/// and not a product this package may link; these are the events every recorded figure in
/// CompressionBenchmarks.swift was measured on.
enum SampleEvents {
    /// SplitMix64 (Steele, Lea, Flood 2014), the sequence kbench's generator draws.
    private struct Sequence {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            let mixed = (state ^ (state &>> 30)) &* 0xBF58_476D_1CE4_E5B9
            let folded = (mixed ^ (mixed &>> 27)) &* 0x94D0_49BB_1331_11EB
            return folded ^ (folded &>> 31)
        }

        /// One of `choices`.
        mutating func pick(_ choices: [String]) -> String {
            choices[Int(next() % UInt64(choices.count))]
        }
    }

    private static let eventTypes = ["page_view", "add_to_cart", "checkout", "login", "search", "purchase", "logout"]
    private static let countries = ["DE", "US", "FR", "JP", "BR", "IN", "GB", "CA", "NL", "SE"]
    private static let devices = ["ios", "android", "web", "desktop"]
    private static let paths = ["/", "/cart", "/checkout", "/search", "/product/", "/account", "/help"]

    /// Events until at least `totalBytes` bytes.
    static func events(totalBytes: Int, seed: UInt64 = 42) -> [[UInt8]] {
        var random = Sequence(state: seed)
        var events: [[UInt8]] = []
        var total = 0
        while total < totalBytes {
            let event = event(index: events.count, random: &random)
            total += event.count
            events.append(event)
        }
        return events
    }

    private static func event(index: Int, random: inout Sequence) -> [UInt8] {
        let user = random.next() % 50_000
        let session = random.next() % 1_000_000_000
        let millis = 1_700_000_000_000 + UInt64(index) * 37 + random.next() % 37
        let type = random.pick(eventTypes)
        let country = random.pick(countries)
        let device = random.pick(devices)
        var path = random.pick(paths)
        if path == "/product/" { path += String(random.next() % 10_000) }
        let cents = random.next() % 100_000
        let latency = random.next() % 900
        let text = """
            {"event_id":"\(String(random.next(), radix: 16))","type":"\(type)","user_id":\(user),\
            "session":"s-\(session)","ts":\(millis),"country":"\(country)","device":"\(device)",\
            "path":"\(path)","amount_cents":\(cents),"latency_ms":\(latency),"ok":\(latency < 800)}
            """
        return Array(text.utf8)
    }
}
