/// Counting kernels of the agreement matrix and of a migration. They take the hashes the study
/// already computed for a batch (one row of `count` hashes per hash group), reduce them per key
/// rule and compare: keys are never hashed twice.
extension PartitionCount {
    /// The partition of each hash under `reduction`, into `output` (the reduction is switched
    /// once, so each loop is a straight multiply-based remainder).
    func partitions(of hashes: UnsafeBufferPointer<UInt32>, _ reduction: HashReduction, into output: UnsafeMutablePointer<UInt32>) {
        switch reduction {
        case .clearSignBit:
            for index in hashes.indices { output[index] = remainder(hashes[index] & 0x7fff_ffff) }
        case .unsigned:
            for index in hashes.indices { output[index] = remainder(hashes[index]) }
        case .absoluteValue:
            for index in hashes.indices { output[index] = remainder(HashReduction.absoluteValue.apply(hashes[index])) }
        }
    }
}

/// The hashes of one batch: row `group` holds the `count` hashes of hash group `group`.
struct BatchHashes {
    let base: UnsafePointer<UInt32>
    let count: Int

    /// The hashes of hash group `group`.
    func row(_ group: Int) -> UnsafeBufferPointer<UInt32> {
        UnsafeBufferPointer(start: base + group * count, count: count)
    }
}

/// Pairwise agreement of distinct key rules over one partition count.
struct AgreementLane: Sendable {
    let divisor: PartitionCount
    /// The distinct rules compared, each with the index of its hash group.
    let rules: [(rule: KeyHashing, group: Int)]
    /// `agreeing[r * rules.count + s]` (r < s): keys rules r and s place alike.
    private(set) var agreeing: [Int]
    /// Scratch: the partitions of a batch, one row per rule.
    private var partitions: [UInt32] = []

    init(divisor: PartitionCount, rules: [(rule: KeyHashing, group: Int)]) {
        self.divisor = divisor
        self.rules = rules
        agreeing = Array(repeating: 0, count: rules.count * rules.count)
    }

    /// Keys rules `first` and `second` placed alike (indices into ``rules``).
    func agreeingKeys(_ first: Int, _ second: Int) -> Int {
        agreeing[min(first, second) * rules.count + max(first, second)]
    }

    mutating func add(_ hashes: BatchHashes) {
        let count = hashes.count
        let ruleCount = rules.count
        if partitions.count < ruleCount * count { partitions = Array(repeating: 0, count: ruleCount * count) }
        let divisor = self.divisor
        let rules = self.rules
        partitions.withUnsafeMutableBufferPointer { buffer in
            guard let rows = buffer.baseAddress else { return }
            for (index, entry) in rules.enumerated() {
                divisor.partitions(of: hashes.row(entry.group), entry.rule.reduction, into: rows + index * count)
            }
            agreeing.withUnsafeMutableBufferPointer { agreeing in
                for first in 0..<ruleCount {
                    for second in (first + 1)..<ruleCount {
                        let (a, b) = (rows + first * count, rows + second * count)
                        var same = 0
                        for key in 0..<count { same &+= a[key] == b[key] ? 1 : 0 }
                        agreeing[first * ruleCount + second] &+= same
                    }
                }
            }
        }
    }
}

/// The keys that change partition between two key rules over one partition count, with the
/// per-partition outflow and inflow.
struct MigrationLane: Sendable {
    let divisor: PartitionCount
    let from: (rule: KeyHashing, group: Int)
    let to: (rule: KeyHashing, group: Int)
    private(set) var keys = 0
    private(set) var moved = 0
    private(set) var outflow: [Int]
    private(set) var inflow: [Int]
    private var partitions: [UInt32] = []

    init(divisor: PartitionCount, from: (rule: KeyHashing, group: Int), to: (rule: KeyHashing, group: Int)) {
        self.divisor = divisor
        self.from = from
        self.to = to
        outflow = Array(repeating: 0, count: Int(divisor.value))
        inflow = Array(repeating: 0, count: Int(divisor.value))
    }

    mutating func add(_ hashes: BatchHashes) {
        let count = hashes.count
        keys &+= count
        guard from.rule != to.rule else { return }
        if partitions.count < 2 * count { partitions = Array(repeating: 0, count: 2 * count) }
        let (divisor, from, to) = (self.divisor, self.from, self.to)
        var changed = 0
        partitions.withUnsafeMutableBufferPointer { buffer in
            guard let before = buffer.baseAddress else { return }
            let after = before + count
            divisor.partitions(of: hashes.row(from.group), from.rule.reduction, into: before)
            divisor.partitions(of: hashes.row(to.group), to.rule.reduction, into: after)
            outflow.withUnsafeMutableBufferPointer { outflow in
                inflow.withUnsafeMutableBufferPointer { inflow in
                    for key in 0..<count where before[key] != after[key] {
                        outflow[Int(before[key])] &+= 1
                        inflow[Int(after[key])] &+= 1
                        changed &+= 1
                    }
                }
            }
        }
        moved &+= changed
    }
}
