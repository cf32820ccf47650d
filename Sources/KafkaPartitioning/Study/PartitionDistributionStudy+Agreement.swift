extension PartitionDistributionStudy {
    /// The partition of the empty key under `rule`.
    static func emptyKeyPartition(_ rule: KeyHashing, _ count: PartitionCount) -> Int {
        Int(rule.partition(UnsafeRawBufferPointer(start: nil, count: 0), partitionCount: count))
    }

    /// The matrix of `lane`, by strategy group. Rule-level counts include empty keys; a pair
    /// where either group treats an empty key like a null key compares the other keys only.
    func agreement(_ lane: AgreementLane) -> PlacementAgreement {
        let groups = PlacementGroup.grouping(configuration.strategies)
        let keyed = records - nullKeys
        func ruleIndex(_ group: PlacementGroup) -> Int { lane.rules.firstIndex { $0.rule == group.keyRule } ?? 0 }
        var compared = [[Int]](repeating: [Int](repeating: 0, count: groups.count), count: groups.count)
        var agreeing = compared
        for (row, first) in groups.enumerated() {
            for (column, second) in groups.enumerated() {
                let (a, b) = (ruleIndex(first), ruleIndex(second))
                var total = keyed
                var same = a == b ? keyed : lane.agreeingKeys(a, b)
                if first.emptyKey == .likeNullKey || second.emptyKey == .likeNullKey {
                    total -= emptyKeys
                    if Self.emptyKeyPartition(first.keyRule, lane.divisor) == Self.emptyKeyPartition(second.keyRule, lane.divisor) {
                        same -= emptyKeys
                    }
                }
                compared[row][column] = total
                agreeing[row][column] = same
            }
        }
        return PlacementAgreement(partitionCount: lane.divisor, groups: groups, comparedRecords: compared, agreeingRecords: agreeing)
    }

    /// The moved keys of `lane`; empty keys leave the count when either strategy treats them
    /// like null keys. The hot moved keys are the sketch's frequent keys whose partition differs.
    func migration(_ lane: MigrationLane, hitters: [HeavyHitter]) -> PlacementMigration {
        guard let request = configuration.migration else {
            preconditionFailure("a migration lane exists only for a configured migration")
        }
        var (records, moved, outflow, inflow) = (lane.keys, lane.moved, lane.outflow, lane.inflow)
        let emptyExcluded = request.from.descriptor.emptyKey == .likeNullKey || request.to.descriptor.emptyKey == .likeNullKey
        if emptyExcluded, emptyKeys > 0 {
            records -= emptyKeys
            let before = Self.emptyKeyPartition(lane.from.rule, lane.divisor)
            let after = Self.emptyKeyPartition(lane.to.rule, lane.divisor)
            if before != after {
                moved -= emptyKeys
                outflow[before] -= emptyKeys
                inflow[after] -= emptyKeys
            }
        }
        var hot: [MovedHotKey] = []
        for hitter in hitters where hot.count < configuration.hotKeysListed && !(emptyExcluded && hitter.length == 0) {
            let before = hitter.partition(lane.from.rule, partitionCount: lane.divisor)
            let after = hitter.partition(lane.to.rule, partitionCount: lane.divisor)
            if before != after { hot.append(MovedHotKey(key: hitter, fromPartition: before, toPartition: after)) }
        }
        return PlacementMigration(
            from: request.from.name, to: request.to.name, partitionCount: lane.divisor, records: records, moved: moved,
            outflow: outflow, inflow: inflow, hotMovedKeys: hot)
    }
}
