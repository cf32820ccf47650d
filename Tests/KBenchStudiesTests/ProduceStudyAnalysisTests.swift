import KBenchStudies
import Testing

@Suite("Producer studies: the knee, the Pareto front, the recommendation and the sweep plan on hand-made figures")
struct ProduceStudyAnalysisTests {
    /// A latency curve: p99 flat, then climbing past 2× at 150k; 200k could not keep up.
    static let curve: [(rate: Double, p99Milliseconds: Double, keptUp: Bool)] = [
        (10_000, 2.0, true), (50_000, 2.2, true), (100_000, 3.9, true), (150_000, 4.1, true), (200_000, 3.0, false),
    ]

    @Test("without a target the knee is the highest rate that kept up with p99 ≤ 2 × the lowest-load p99")
    func kneeByFactor() {
        let knee = LatencyKnee(points: Self.curve, targetMilliseconds: nil)
        #expect(knee.thresholdMilliseconds == 4.0)
        #expect(knee.index == 2)
        #expect(knee.thresholdSource == "2 × the lowest-load p99 (2.00 ms)")
        #expect(LatencyKnee(points: Self.curve, targetMilliseconds: 5).thresholdSource == "--latency-target 5 ms", "a target as given")
    }

    @Test("a latency target sets the threshold; a saturated step never is the knee; none qualifies → nil")
    func kneeByTarget() {
        #expect(LatencyKnee(points: Self.curve, targetMilliseconds: 5).index == 3)
        #expect(LatencyKnee(points: Self.curve, targetMilliseconds: 2.1).index == 0)
        #expect(LatencyKnee(points: Self.curve, targetMilliseconds: 1).index == nil)
        // The lowest load is found by rate, not by position.
        let shuffled = [Self.curve[3], Self.curve[0], Self.curve[1]]
        #expect(LatencyKnee(points: shuffled, targetMilliseconds: nil).thresholdMilliseconds == 4.0)
    }

    @Test("the Pareto front keeps the points no other beats on rate, p99 and CPU per record, rates within 1 % being equal")
    func paretoFront() {
        let points: [ParetoFront.Point] = [
            (100, 5, 1), (200, 6, 1), (150, 7, 1), (300, 20, 1), (250, 25, 1), (299.5, 21, 1),
        ]
        #expect(ParetoFront.indices(of: points) == [0, 1, 3])
        // At one offered rate, a few records/s apart, equal CPU: only the lowest p99 survives.
        #expect(ParetoFront.indices(of: [(19_999.8, 5.5, 2), (20_000, 7.2, 2), (19_999.9, 6.9, 2)]) == [0])
        // … unless a slower-to-answer point is cheaper: it stays on the front.
        #expect(ParetoFront.indices(of: [(19_999.8, 5.5, 2), (20_000, 7.2, 1), (19_999.9, 6.9, 3)]) == [0, 1])
        // Equal points dominate neither.
        #expect(ParetoFront.indices(of: [(10, 1, 1), (10, 1, 1)]) == [0, 1])
    }

    @Test("the recommendation: most throughput with p99 ≤ target, ties within 1 % by CPU per record, always on the front")
    func recommendation() throws {
        let points: [ParetoFront.Point] = [
            (100_000, 3, 9), (150_000, 12, 5), (99_500, 2, 4), (60_000, 1, 1),
        ]
        let chosen = SweepRecommendation(points: points, targetMilliseconds: 5)
        #expect(chosen.index == 2)
        // (100_000, 3, 9) is about as fast as (99_500, 2, 4), slower to answer and dearer: off the front.
        #expect(chosen.tied.sorted() == [2])
        #expect(SweepRecommendation(points: points, targetMilliseconds: 20).index == 1)
        #expect(SweepRecommendation(points: points, targetMilliseconds: 0.5).index == nil)
        // Without a target: 2 × the sweep's lowest p99 (1 ms) → only the 2 ms and 1 ms points.
        let untargeted = SweepRecommendation(points: points, targetMilliseconds: nil)
        #expect(untargeted.thresholdMilliseconds == 2)
        #expect(untargeted.index == 2)
        // The cheapest point tied with the fastest, (99_000, 2, 4), is beaten by (98_500, 1.5, 4):
        // about as fast as it (within 1 %), as cheap and quicker, though not tied with 100_000
        // itself. Ranking the tied points alone would recommend a point off the front.
        let crowded: [ParetoFront.Point] = [(100_000, 3, 9), (99_000, 2, 4), (98_500, 1.5, 4)]
        let pick = SweepRecommendation(points: crowded, targetMilliseconds: 5)
        #expect(ParetoFront.indices(of: crowded) == [2])
        #expect(pick.index == 2)
        #expect(ParetoFront.indices(of: crowded).contains(try #require(pick.index)))
    }

    @Test("a sweep plan: kbench spellings map to librdkafka properties as the options convert them, first axis slowest")
    func sweepPlan() throws {
        let plan = try SweepPlan(parsing: ["linger-ms=0,5", "batch-size=16k,1m", "compression=lz4", "queue.buffering.max.kbytes=1024"])
        #expect(plan.combinations.count == 4)
        #expect(plan.combinations.map(\.label) == [
            "linger-ms=0 batch-size=16k compression=lz4 queue.buffering.max.kbytes=1024",
            "linger-ms=0 batch-size=1m compression=lz4 queue.buffering.max.kbytes=1024",
            "linger-ms=5 batch-size=16k compression=lz4 queue.buffering.max.kbytes=1024",
            "linger-ms=5 batch-size=1m compression=lz4 queue.buffering.max.kbytes=1024",
        ])
        #expect(plan.combinations[1].properties == [
            "linger.ms": "0.0", "batch.size": "1048576", "compression.type": "lz4", "queue.buffering.max.kbytes": "1024",
        ])
    }

    @Test("bad sweeps are refused naming the argument", arguments: [
        ("linger-ms=", "no values"), ("linger-ms", "KEY=V1"), ("=1,2", "no key"), ("acks=1,1", "given twice"),
        ("acks=2", "acks must be"), ("compression=brotli", "compression must be"), ("linger-ms=0,,5", "empty value"),
        ("batch-size=0", "batch-size must be"),
    ])
    func badSweep(argument: String, reason: String) {
        #expect {
            try SweepPlan(parsing: [argument])
        } throws: { error in
            let text = "\(error)"
            return text.contains(reason) && text.contains(argument)
        }
    }

    @Test("a key swept twice (also as its property) and more than 64 combinations are refused")
    func sweepLimits() {
        #expect(throws: SweepError.self) { try SweepPlan(parsing: ["linger-ms=0,1", "linger.ms=5"]) }
        let eight = "1,2,3,4,5,6,7,8"
        #expect(throws: Never.self) { try SweepPlan(parsing: ["a.b=\(eight)", "c.d=\(eight)"]) }
        #expect { try SweepPlan(parsing: ["a.b=\(eight)", "c.d=\(eight)", "e.f=1,2"]) } throws: { "\($0)".contains("128 combinations, at most 64") }
    }
}
