/// Counting kernels of a study: one hash function's values for a batch of keys, reduced and
/// counted for every (reduction, partition count) that some selected strategy uses, and
/// compared across every resize. Strategies sharing a rule share a lane, so `all` strategies
/// hash each key once per hash function (four at most), not once per strategy.
struct HashGroup: Sendable {
    /// The hash every lane of the group reduces.
    let function: HashFunction
    /// Per-partition counters.
    var counters: [CountLane] = []
    /// Resize comparisons.
    var movers: [ResizeLane] = []

    /// The index of the counter for `reduction` over `divisor`, created on first use.
    mutating func counter(_ reduction: HashReduction, _ divisor: PartitionCount) -> Int {
        if let index = counters.firstIndex(where: { $0.reduction == reduction && $0.divisor == divisor }) { return index }
        counters.append(CountLane(reduction: reduction, divisor: divisor))
        return counters.count - 1
    }

    /// The index of the resize lane for `reduction` between `from` and `to`, created on first use.
    mutating func mover(_ reduction: HashReduction, _ from: PartitionCount, _ to: PartitionCount) -> Int {
        if let index = movers.firstIndex(where: { $0.reduction == reduction && $0.from == from && $0.to == to }) { return index }
        movers.append(ResizeLane(reduction: reduction, from: from, to: to))
        return movers.count - 1
    }

    /// Adds a batch's hashes to every lane.
    mutating func add(_ hashes: UnsafeBufferPointer<UInt32>) {
        for index in counters.indices { counters[index].add(hashes) }
        for index in movers.indices { movers[index].add(hashes) }
    }
}

/// Records per partition under one reduction and partition count.
struct CountLane: Sendable {
    let reduction: HashReduction
    let divisor: PartitionCount
    /// Records per partition.
    var counts: [Int]

    init(reduction: HashReduction, divisor: PartitionCount) {
        self.reduction = reduction
        self.divisor = divisor
        counts = Array(repeating: 0, count: Int(divisor.value))
    }

    /// Counts the partition of every hash. The reduction is switched once per batch, so each
    /// loop is a straight multiply-based remainder and an increment.
    mutating func add(_ hashes: UnsafeBufferPointer<UInt32>) {
        let divisor = self.divisor
        counts.withUnsafeMutableBufferPointer { counts in
            guard let counts = counts.baseAddress else { return }
            switch reduction {
            case .clearSignBit:
                for hash in hashes { counts[Int(divisor.remainder(hash & 0x7fff_ffff))] &+= 1 }
            case .unsigned:
                for hash in hashes { counts[Int(divisor.remainder(hash))] &+= 1 }
            case .absoluteValue:
                for hash in hashes { counts[Int(divisor.remainder(HashReduction.absoluteValue.apply(hash)))] &+= 1 }
            }
        }
    }
}

/// Keys whose partition differs between two partition counts, under one reduction.
struct ResizeLane: Sendable {
    let reduction: HashReduction
    let from: PartitionCount
    let to: PartitionCount
    /// Keys compared.
    var keys = 0
    /// Keys whose partition changed.
    var moved = 0

    init(reduction: HashReduction, from: PartitionCount, to: PartitionCount) {
        self.reduction = reduction
        self.from = from
        self.to = to
    }

    mutating func add(_ hashes: UnsafeBufferPointer<UInt32>) {
        let (from, to, reduction) = (self.from, self.to, self.reduction)
        var changed = 0
        for hash in hashes {
            let dividend = reduction.apply(hash)
            changed &+= from.remainder(dividend) == to.remainder(dividend) ? 0 : 1
        }
        moved &+= changed
        keys &+= hashes.count
    }
}
