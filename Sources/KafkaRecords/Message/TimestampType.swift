/// Who set a record's timestamp (RecordBatch attributes bit 3).
public enum TimestampType: Int8, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The producer's timestamp (bit 3 clear).
    case createTime = 0
    /// The broker's append time (bit 3 set); every record then reads the batch's max timestamp.
    case logAppendTime = 1

    /// `CreateTime` or `LogAppendTime`, as Kafka's tools print it.
    public var description: String {
        switch self {
        case .createTime: "CreateTime"
        case .logAppendTime: "LogAppendTime"
        }
    }
}
