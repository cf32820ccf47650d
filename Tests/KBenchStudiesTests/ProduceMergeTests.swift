import Foundation
import Histogram
import KBenchRandom
import KBenchReports
import KBenchStudies
import Testing

@Suite("kbench merge: mergeable runs, histograms added, rates and counts summed, mismatches refused")
struct ProduceMergeTests {
    /// `count` latencies (µs) drawn from a long-tailed spread, with zeros and a few huge values.
    static func samples(_ count: Int, seed: UInt64) -> [UInt64] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            if index % 997 == 0 { return 0 }
            if index % 4999 == 0 { return 2_000_000_000 + random.next() % 1_000_000 }
            let magnitude = random.next() % 24
            return 1 + random.next() % (UInt64(1) << magnitude)
        }
    }

    static func histogram(_ values: [UInt64]) -> Histogram<UInt64> {
        var histogram = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        for value in values { histogram.record(value) }
        return histogram
    }

    static func settings(properties: [String: String] = ["compression.type": "zstd"], rate: Int? = 5_000) -> ProduceRunSettings {
        ProduceRunSettings(
            topic: "perf", partitions: 12, partitioner: "java", keys: "seq:user-:10000", values: "100-byte random A–Z payload",
            limit: "10.0 s", offeredRecordsPerSecond: rate, producers: 1, endToEnd: false, properties: properties, cluster: "b1:9092")
    }

    /// One machine's run: `values` as its service times, their double as response times.
    static func run(host: String, values: [UInt64], startMilliseconds: Int64, seconds: Int64,
                    settings: ProduceRunSettings = settings()) -> ProduceRun {
        let counts = ProduceRunCounts(sent: values.count + 3, delivered: values.count, failed: 3, deliveredBytes: values.count * 100)
        let window = WallClockWindow(startMilliseconds: startMilliseconds, endMilliseconds: startMilliseconds + seconds * 1000)
        let histograms = ProduceHistograms(service: LatencyHistogram(histogram(values)), response: LatencyHistogram(histogram(values.map { $0 * 2 })))
        return ProduceRun(settings: settings, parts: [ProduceRunPart(host: host, window: window, counts: counts, p99Milliseconds: 1)],
                          counts: counts, window: window, histograms: histograms)
    }

    static func json(_ value: some Encodable) throws -> Data {
        try JSONReportRenderer.makeEncoder().encode(value)
    }

    @Test("the compact histogram form round-trips to an equal histogram, much smaller than hdrhistogram-swift's own form")
    func histogramRoundTrip() throws {
        for values in [Self.samples(50_000, seed: 7), [0, 0, 5], [1], [], [3_600_000_000, 17, 17, 2048, 2049, 2050]] {
            let original = Self.histogram(values)
            let data = try Self.json(LatencyHistogram(original))
            let decoded = try JSONReportRenderer.makeDecoder().decode(LatencyHistogram.self, from: data).histogram
            #expect(decoded == original, "\(values.prefix(8))")
            #expect(decoded.maxRecorded == original.maxRecorded && decoded.min == original.min)
            #expect(decoded.totalCount == original.totalCount)
            for percentile in [50.0, 99.0, 99.99, 100.0] {
                #expect(decoded.valueAtPercentile(percentile) == original.valueAtPercentile(percentile))
            }
            #expect(try Self.json(LatencyHistogram(decoded)) == data, "encoding the decoded histogram gives the same bytes")
            // hdrhistogram-swift's synthesized Codable form round-trips too, at a far larger size.
            let library = try Self.json(original)
            #expect(try JSONReportRenderer.makeDecoder().decode(Histogram<UInt64>.self, from: library) == original)
            #expect(data.count < library.count, "compact \(data.count) B vs library \(library.count) B")
        }
        // A spread like a 20k-message run on the embedded cluster (4–9 ms): about 1,500 buckets.
        let run = Self.histogram(Self.samples(20_000, seed: 5).map { 4_000 + $0 % 5_000 })
        let compact = try Self.json(LatencyHistogram(run)).count
        let library = try Self.json(run).count
        #expect(compact * 10 < library, "compact \(compact) B vs library \(library) B")
    }

    @Test("two runs merged: the histogram equals both runs' samples recorded together; counts and rates add up")
    func mergeAddsUp() throws {
        let first = Self.samples(30_000, seed: 1)
        let second = Self.samples(20_000, seed: 2)
        let a = Self.run(host: "a", values: first, startMilliseconds: 1_000_000, seconds: 10)
        let b = Self.run(host: "b", values: second, startMilliseconds: 1_002_000, seconds: 10)
        let merged = try ProduceMerge.merge([.init(name: "a.json", run: a), .init(name: "b.json", run: b)])

        #expect(merged.histograms.service.histogram == Self.histogram(first + second))
        #expect(merged.histograms.response?.histogram == Self.histogram((first + second).map { $0 * 2 }))
        #expect(merged.histograms.service.histogram != Self.histogram(first), "the merge must change the first run's histogram")
        #expect(merged.counts == ProduceRunCounts(sent: 50_006, delivered: 50_000, failed: 6, deliveredBytes: 5_000_000))
        #expect(merged.parts.map(\.host) == ["a", "b"])
        #expect(merged.parts.map(\.source) == ["a.json", "b.json"])
        #expect(merged.window == WallClockWindow(startMilliseconds: 1_000_000, endMilliseconds: 1_012_000))
        #expect(merged.commonWindow == WallClockWindow(startMilliseconds: 1_002_000, endMilliseconds: 1_010_000))
        #expect(merged.combinedRecordsPerSecond == 50_000.0 / 12)
        #expect(merged.parts.map(\.recordsPerSecond) == [3_000, 2_000])
        #expect(merged.summedRecordsPerSecond == 5_000, "\(String(describing: merged.summedRecordsPerSecond))")

        // Merged runs merge again: the same as merging all three at once.
        let third = Self.run(host: "c", values: Self.samples(5_000, seed: 3), startMilliseconds: 1_001_000, seconds: 9)
        let again = try ProduceMerge.merge([.init(name: "ab.json", run: merged), .init(name: "c.json", run: third)])
        let atOnce = try ProduceMerge.merge([.init(name: "a.json", run: a), .init(name: "b.json", run: b), .init(name: "c.json", run: third)])
        #expect(again == atOnce)
    }

    @Test("runs one after the other: no summed rate, the combined rate counts the gap, a note says so")
    func disjointWindows() throws {
        let a = Self.run(host: "a", values: [10, 20], startMilliseconds: 0, seconds: 1)
        let b = Self.run(host: "b", values: [30], startMilliseconds: 5_000, seconds: 1)
        let merged = try ProduceMerge.merge([.init(name: "a", run: a), .init(name: "b", run: b)])
        #expect(merged.commonWindow == nil)
        #expect(merged.summedRecordsPerSecond == nil)
        #expect(merged.combinedRecordsPerSecond == 3.0 / 6)
        let document = ProduceMergeReport.document(merged)
        #expect(document.sections.contains { $0.id == "notes" && $0.paragraphs.joined().contains("do not all overlap") })
    }

    @Test("different settings or histogram layouts are refused with one line naming the difference")
    func mismatches() throws {
        let a = Self.run(host: "a", values: [1, 2], startMilliseconds: 0, seconds: 1)
        func refusal(_ b: ProduceRun) -> String? {
            do {
                _ = try ProduceMerge.merge([.init(name: "a.json", run: a), .init(name: "b.json", run: b)])
                return nil
            } catch {
                return error.description
            }
        }
        let lz4 = Self.run(host: "b", values: [3], startMilliseconds: 0, seconds: 1, settings: Self.settings(properties: ["compression.type": "lz4"]))
        #expect(refusal(lz4) == "cannot merge b.json with a.json: compression.type lz4 vs zstd")
        let faster = Self.run(host: "b", values: [3], startMilliseconds: 0, seconds: 1, settings: Self.settings(rate: 9_000))
        #expect(refusal(faster) == "cannot merge b.json with a.json: offered rate 9000 records/s vs 5000 records/s")
        var topic = Self.settings()
        topic.topic = "other"
        #expect(refusal(Self.run(host: "b", values: [3], startMilliseconds: 0, seconds: 1, settings: topic)) == "cannot merge b.json with a.json: topic other vs perf")
        let extra = Self.run(host: "b", values: [3], startMilliseconds: 0, seconds: 1,
                             settings: Self.settings(properties: ["compression.type": "zstd", "linger.ms": "20"]))
        #expect(refusal(extra) == "cannot merge b.json with a.json: linger.ms 20 vs unset")
        var coarse = Self.run(host: "b", values: [3], startMilliseconds: 0, seconds: 1)
        coarse.histograms.service = LatencyHistogram(Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three))
        #expect(refusal(coarse) == "cannot merge b.json with a.json: service histogram highest trackable value 60000000 vs 3600000000")
        #expect(refusal(a) == "cannot merge b.json with a.json: the same run (host a, 1970-01-01T00:00:00.000Z – 1970-01-01T00:00:01.000Z) would be counted twice")
        var elsewhere = Self.settings()
        elsewhere.cluster = "b2:9092"
        #expect(refusal(Self.run(host: "b", values: [3], startMilliseconds: 0, seconds: 1, settings: elsewhere)) == nil, "the address is not compared")
    }

    @Test("secret property values are not recorded, bootstrap.servers is left to the cluster field")
    func recordedProperties() {
        let settings = Self.settings(properties: ["sasl.password": "hunter2", "bootstrap.servers": "x:1", "acks": "all"])
        #expect(settings.properties == ["sasl.password": ProduceRunSettings.redacted, "acks": "all"])
    }

    @Test("the run attached to a report round-trips through its JSON; the document's own members are unchanged")
    func documentRoundTrip() throws {
        let run = Self.run(host: "a", values: Self.samples(1_000, seed: 9), startMilliseconds: 1_780_000_000_123, seconds: 3)
        let document = ProduceMergeReport.document(run)
        let text = try JSONReportRenderer().render(document, attaching: run, as: ProduceRun.jsonKey)
        #expect(try ProduceRunFile.decode(Data(text.utf8), file: "a.json") == run)
        #expect(try JSONReportRenderer().decode(Data(text.utf8)) == document)
        #expect(text.contains(#""start" : "2026-05-28T20:26:40.123Z""#), "\(text.prefix(2000))")
    }

    @Test("bad files: not JSON, cut short, no run, a bad bucket, a newer version, each one line naming the file")
    func badFiles() throws {
        let run = Self.run(host: "a", values: [5, 6, 7], startMilliseconds: 0, seconds: 1)
        let text = try JSONReportRenderer().render(ProduceMergeReport.document(run), attaching: run, as: ProduceRun.jsonKey)
        func reason(_ content: String) -> String? {
            do {
                _ = try ProduceRunFile.decode(Data(content.utf8), file: "x.json")
                return nil
            } catch {
                return error.description
            }
        }
        #expect(reason("hello") == "x.json: not JSON, or cut short (expected the output of kbench produce --format json)")
        #expect(reason(String(text.prefix(text.count / 2))) == reason("hello"))
        #expect(reason(#"{"id": "hash"}"#) == #"x.json: not a kbench produce or consume result (no "run", "study" or "consume" member: write it with kbench produce --format json or kbench consume --format json)"#)
        #expect(reason("[1, 2]") == reason(#"{"id": "hash"}"#))
        let badBucket = text.replacingOccurrences(of: #""counts" : "5:1 6:1 7:1""#, with: #""counts" : "5:1 6:x 7:1""#)
        #expect(badBucket != text)
        #expect(reason(badBucket) == "x.json: run.histograms.service.counts: bucket at offset 4: expected value:count with a count ≥ 1")
        let badTotal = text.replacingOccurrences(of: #""counts" : "5:1 6:1 7:1""#, with: #""counts" : "5:1 6:1""#)
        #expect(reason(badTotal) == "x.json: run.histograms.service.counts: the counts add up to 2, totalCount says 3")
        let newer = text.replacingOccurrences(of: #""version" : 1"#, with: #""version" : 2"#)
        #expect(reason(newer) == "x.json: run version 2 is newer than this kbench reads (1)")
        let noHost = text.replacingOccurrences(of: #""host" : "a","#, with: "")
        #expect(reason(noHost) == "x.json: run.parts[0].host: missing")
    }

    @Test("UTC window text: milliseconds exact, bad text refused")
    func windowText() {
        for milliseconds: Int64 in [0, 1, 999, 1_780_000_000_123, 4_102_444_799_999] {
            #expect(WallClockWindow.milliseconds(WallClockWindow.text(milliseconds)) == milliseconds)
        }
        #expect(WallClockWindow.text(1_780_000_000_123) == "2026-05-28T20:26:40.123Z")
        for bad in ["2026-05-28T20:26:40Z", "2026-13-28T20:26:40.123Z", "2026-05-28 20:26:40.123Z", "x"] {
            #expect(WallClockWindow.milliseconds(bad) == nil, "\(bad)")
        }
    }

    @Test(".hgrm files: HdrHistogram's percentile distribution in ms, one per present histogram")
    func hgrmFiles() {
        let run = Self.run(host: "a", values: [1_000, 2_000, 3_000], startMilliseconds: 0, seconds: 1)
        let files = run.histograms.hgrmFiles
        #expect(files.map(\.fileName) == ["service.hgrm", "response.hgrm"])
        let service = files[0].text
        #expect(service.hasPrefix("       Value     Percentile TotalCount 1/(1-Percentile)\n\n"))
        #expect(service.contains("       3.001 1.000000000000          3\n"), "\(service)")
        #expect(service.contains("#[Max     =        3.001, Total count    =            3]\n"))
    }
}
