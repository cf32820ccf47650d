import KBenchReports

/// The consumer groups of the `__consumer_offsets` partitions found: one row per group, its
/// committed offsets and its members.
extension DirectoryInspectionReport {
    /// The section, nil when no `__consumer_offsets` partition was inspected.
    static func consumerGroupsSection(_ inspection: DirectoryInspection) -> ReportSection? {
        let partitions = inspection.partitions.compactMap { partition in partition.consumerGroups.map { (partition.name, $0) } }
        guard !partitions.isEmpty else { return nil }
        let groups = partitions.flatMap { name, collector in collector.groups.map { (partition: name, group: $0) } }
        var paragraphs = [
            "Every record of each __consumer_offsets partition applied in log order, as the group coordinator loads them "
                + "(records read as kafka-dump-log --offsets-decoder prints them): the latest commit per topic-partition, "
                + "the latest group metadata; a tombstone deletes a commit or, for the group metadata, the group.",
        ]
        if groups.isEmpty { paragraphs.append("No consumer group.") }
        let undecodable = partitions.reduce(0) { $0 + $1.1.undecodable }
        let other = partitions.reduce(0) { $0 + $1.1.otherRecords }
        if undecodable > 0 { paragraphs.append("\(NumberRule.count(undecodable)) records could not be decoded (kbench inspect segment --offsets-decoder shows why).") }
        if other > 0 { paragraphs.append("\(NumberRule.count(other)) records of other types (consumer-protocol and share groups, KIP-848) are not summarised.") }
        return ReportSection(
            id: "consumer-groups", title: "Consumer groups (__consumer_offsets)", paragraphs: paragraphs,
            tables: groups.isEmpty ? [] : [groupsTable(groups), committedOffsetsTable(groups), membersTable(groups)])
    }

    /// `live`, `deleted at offset N`, or `offsets only` (commits without group metadata, e.g. a
    /// consumer that assigns its partitions itself).
    static func state(_ group: ConsumerGroup) -> String {
        if let deleted = group.deletedAt { return "deleted (tombstone at offset \(deleted))" }
        return group.metadata == nil ? "offsets only" : "live"
    }

    static func groupsTable(_ groups: [(partition: String, group: ConsumerGroup)]) -> ReportTable {
        var table = ReportTable(id: "consumer-groups", title: "Consumer groups", columns: [
            ReportColumn("group"), ReportColumn("partition"), ReportColumn("state"),
            ReportColumn("protocol_type", header: "protocol type"), ReportColumn("protocol"),
            ReportColumn("generation", format: .integer), ReportColumn("leader"), ReportColumn("members", format: .integer),
            ReportColumn("state_time", header: "state time (UTC)"),
            ReportColumn("committed", header: "committed partitions", format: .integer),
            ReportColumn("deleted", header: "deleted commits", format: .integer),
        ], notes: ["Partition: the __consumer_offsets partition holding the group. Deleted commits: topic-partitions whose last record is a tombstone."])
        for (partition, group) in groups {
            let metadata = group.metadata
            table.addRow([
                .text(group.id), .text(partition), .text(state(group)),
                ReportValue(metadata?.protocolType), ReportValue(metadata?.protocol),
                metadata.map { .integer(Int64($0.generation)) } ?? .missing,
                ReportValue(metadata?.leader), metadata.map { .integer(Int64($0.members.count)) } ?? .missing,
                time(metadata?.currentStateTimestamp),
                .integer(Int64(group.offsets.filter { $0.deletedAt == nil }.count)),
                .integer(Int64(group.offsets.filter { $0.deletedAt != nil }.count)),
            ])
        }
        return table
    }

    static func committedOffsetsTable(_ groups: [(partition: String, group: ConsumerGroup)]) -> ReportTable {
        var table = ReportTable(id: "committed-offsets", title: "Committed offsets (latest per topic-partition)", columns: [
            ReportColumn("group"), ReportColumn("topic"), ReportColumn("topic_partition", header: "partition", format: .integer),
            ReportColumn("offset", format: .integer), ReportColumn("leader_epoch", header: "leader epoch", format: .integer),
            ReportColumn("commit_time", header: "commit time (UTC)"), ReportColumn("metadata"),
            ReportColumn("record_offset", header: "at log offset", format: .integer), ReportColumn("state"),
        ])
        for (_, group) in groups {
            for commit in group.offsets.sorted(by: { ($0.topic, $0.partition) < ($1.topic, $1.partition) }) {
                table.addRow([
                    .text(group.id), .text(commit.topic), .integer(Int64(commit.partition)),
                    commit.offset.map { .integer($0) } ?? .missing,
                    commit.leaderEpoch.map { .integer(Int64($0)) } ?? .missing,
                    time(commit.commitTimestamp), ReportValue(commit.metadata),
                    .integer(commit.recordOffset),
                    .text(commit.deletedAt.map { "deleted (tombstone at offset \($0))" } ?? "committed"),
                ])
            }
        }
        return table
    }

    static func membersTable(_ groups: [(partition: String, group: ConsumerGroup)]) -> ReportTable {
        var table = ReportTable(id: "group-members", title: "Group members (latest group metadata)", columns: [
            ReportColumn("group"), ReportColumn("member_id", header: "member id"),
            ReportColumn("group_instance_id", header: "group instance id"),
            ReportColumn("client_id", header: "client id"), ReportColumn("client_host", header: "client host"),
            ReportColumn("leader"),
        ])
        for (_, group) in groups {
            for member in group.metadata?.members ?? [] {
                table.addRow([
                    .text(group.id), .text(member.memberId), ReportValue(member.groupInstanceId),
                    .text(member.clientId), .text(member.clientHost),
                    .text(member.memberId == group.metadata?.leader ? "yes" : "no"),
                ])
            }
        }
        return table
    }
}
