/// `csv`: metric samples as a collector exports them, one row a record:
/// `timestamp,host,metric,value,unit,tags`.
enum CSVMetricCorpus {
    /// Metric name, unit, typical value (hundredths), spread (hundredths).
    static let metrics: [(name: String, unit: String, base: Int, spread: Int)] = [
        ("cpu.user", "percent", 2_500, 4_000), ("cpu.system", "percent", 800, 1_500),
        ("mem.used", "bytes", 640_000_000_000, 160_000_000_000), ("disk.io.read", "bytes_per_s", 1_200_000, 5_000_000),
        ("net.rx", "bytes_per_s", 3_400_000, 9_000_000), ("http.requests", "count", 12_000, 20_000),
        ("http.latency.p99", "ms", 18_000, 40_000), ("jvm.gc.pause", "ms", 1_200, 6_000),
        ("kafka.producer.record-send-rate", "per_s", 85_000, 50_000),
    ]
    static let regions = ["eu-west-1", "eu-central-1", "us-east-1", "ap-northeast-1"]
    static let roles = ["web", "web", "web", "api", "api", "worker", "db", "kafka"]
    static let teams = ["checkout", "search", "platform", "payments"]

    static func record(_ state: inout CorpusState) -> [UInt8] {
        var w = RecordWriter(capacity: 128)
        let metric = state.random.pick(metrics)
        let role = state.random.pick(roles)
        let region = state.skewed(regions.count)
        w.decimal(Int(state.tick(maximumStep: 6)))
        w.text(","); w.text(role); w.text("-"); w.decimal(1 + state.skewed(40), width: 2)
        w.text("."); w.text(regions[region])
        w.text(","); w.text(metric.name)
        w.text(","); w.fixed(Swift.max(0, metric.base - metric.spread / 2 + state.random.next(below: metric.spread)), places: 2)
        w.text(","); w.text(metric.unit)
        w.text(",env=prod;team="); w.text(state.random.pick(teams))
        if state.random.nextBool(probability: 0.3) {
            w.text(";az="); w.text(regions[region]); w.byte(UInt8(ascii: "a") + UInt8(state.random.next(below: 3)))
        }
        return w.bytes
    }
}
