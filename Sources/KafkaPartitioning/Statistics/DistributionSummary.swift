#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How evenly records spread over partitions: the figures `kbench partitions` reports per
/// strategy, computed from per-partition counts.
public struct DistributionSummary: Sendable, Hashable, Codable {
    /// The number of partitions.
    public let partitionCount: PartitionCount
    /// Records in all.
    public let records: Int
    /// The smallest partition's records.
    public let minimum: Int
    /// The largest partition's records.
    public let maximum: Int
    /// Records per partition on average.
    public let mean: Double
    /// maximum ÷ mean: 1 is perfectly even; 2 means the hottest partition gets twice its
    /// share. Nil without records.
    public let maximumOverMean: Double?
    /// Population standard deviation of the counts.
    public let standardDeviation: Double
    /// Standard deviation ÷ mean (nil without records). For n partitions and N records placed
    /// uniformly at random it is about √((n − 1) / N).
    public let coefficientOfVariation: Double?
    /// Chi-square test against uniform placement.
    public let chiSquare: ChiSquareTest
    /// The partition with the most records (the lowest index on ties).
    public let hottestPartition: Int
    /// The hottest partition's share of all records (nil without records).
    public let hottestShare: Double?
    /// Partitions that received no record.
    public let emptyPartitions: Int

    /// The summary of `counts` (index = partition). An empty array is treated as one empty
    /// partition; more than `Int32.max` counts is a programming error (traps).
    public init(counts: [Int]) {
        let counts = counts.isEmpty ? [0] : counts
        guard let partitionCount = try? PartitionCount(counts.count) else {
            preconditionFailure("DistributionSummary: \(counts.count) partitions is above Int32.max")
        }
        self.partitionCount = partitionCount
        var total = 0
        var low = Int.max
        var high = Int.min
        var hottest = 0
        var empty = 0
        for (partition, count) in counts.enumerated() {
            total &+= count
            low = min(low, count)
            if count > high {
                high = count
                hottest = partition
            }
            if count == 0 { empty += 1 }
        }
        records = total
        minimum = low
        maximum = high
        hottestPartition = hottest
        emptyPartitions = empty
        let mean = Double(total) / Double(counts.count)
        self.mean = mean
        var squares = 0.0
        for count in counts {
            let difference = Double(count) - mean
            squares += difference * difference
        }
        standardDeviation = sqrt(squares / Double(counts.count))
        maximumOverMean = total > 0 ? Double(high) / mean : nil
        coefficientOfVariation = total > 0 ? standardDeviation / mean : nil
        hottestShare = total > 0 ? Double(high) / Double(total) : nil
        chiSquare = ChiSquareTest(counts: counts)
    }
}
