extension ProduceBenchmark {
    /// With `--backlog` (``EndToEndSettings/backlog``): the tracker of `consumers` (started
    /// paused), sampling the lag every progress interval; nil otherwise.
    static func backlogTracker(_ settings: ProduceSettings, consumers: EndToEndConsumers, partitionCount: Int) -> BacklogTracker? {
        guard let backlog = settings.endToEnd?.backlog else { return nil }
        return BacklogTracker(
            backlog, consumers: consumers, interval: settings.reportInterval,
            embeddedRetainedBytes: settings.mockCluster == nil ? nil : BacklogSettings.embeddedRetainedBytes(partitions: partitionCount))
    }
}
