import KafkaCompression
import KafkaLive
import KafkaRecords
import KBenchReports
import KBenchWorkloads

/// What a producer run put on the wire, from librdkafka's statistics, beside the compression
/// study's prediction for the run's own first messages with the run's codec, level and
/// `batch.size` (``WirePrediction``).
package struct ProduceWire: Sendable, Hashable, Codable {
    /// librdkafka's totals for the run's topic (see ``WireStatistics``).
    package var totals: WireTotals
    /// The study's prediction, nil when it could not be made.
    package var prediction: WirePrediction?
    /// Why the figures may not be what they seem (retries, smaller batches than predicted…).
    package var notes: [String]

    /// Key and value bytes ÷ wire bytes (batch headers and framing included): what the codec
    /// and batching achieved together (0 without batches).
    package var ratio: Double {
        totals.batchBytes > 0 ? Double(totals.transmittedRecordBytes) / Double(totals.batchBytes) : 0
    }

    /// Achieved ÷ predicted ratio − 1 (nil without a prediction).
    package var ratioDifference: Double? {
        guard let prediction, prediction.ratio > 0 else { return nil }
        return ratio / prediction.ratio - 1
    }

    /// Totals and prediction, with notes on what sets them apart.
    package init(totals: WireTotals, prediction: WirePrediction?, delivered: Int, lingerMilliseconds: Double?) {
        self.totals = totals
        self.prediction = prediction
        var notes: [String] = []
        if !totals.isFinal {
            notes.append("no statistics emission came after the last delivery report: the last batches may be missing from the wire figures")
        }
        if totals.transmittedRecords > delivered {
            notes.append("librdkafka transmitted \(totals.transmittedRecords) records for \(delivered) deliveries: batches sent again after errors count each time")
        } else if !totals.isConsistent {
            notes.append("the batches counted hold \(totals.batchRecords) records, librdkafka counts \(totals.transmittedRecords) transmitted")
        }
        if let prediction, totals.batches > 0, totals.recordsPerBatch < 0.9 * prediction.recordsPerBatch {
            let linger = lingerMilliseconds.map { "linger.ms \(NumberText.trimmingZeros(NumberText.fixed($0, places: 1)))" } ?? "linger.ms"
            notes.append("batches held \(NumberText.fixed(totals.recordsPerBatch, places: 1)) records on average, the study's full ones "
                + "\(NumberText.fixed(prediction.recordsPerBatch, places: 1)): \(linger) or the end of the run sent them before they filled, "
                + "so the achieved ratio is that of smaller batches")
        }
        self.notes = notes
    }

    /// The study's prediction for the run described by `settings` (codec, `compression.level`,
    /// `batch.size`, `message.max.bytes`, `batch.num.messages` and `client.id` as `producer`
    /// resolved them), on its first messages (up to
    /// the study's sample budget, at most `sent`), timestamped as the run sent them at its
    /// average pace over `elapsedSeconds` (one timestamp per ``MessageBatch`` of 64, as
    /// `rd_kafka_produce_batch` gives). Nil for a key file read from standard input (it cannot
    /// be read again) or when the study fails.
    static func predict(_ settings: ProduceSettings, producer: KafkaProducer, sent: Int, elapsedSeconds: Double) -> WirePrediction? {
        let codecName = settings.configuration["compression.type"] ?? settings.configuration["compression.codec"]
            ?? producer.configurationValue("compression.type") ?? "none"
        guard let type = CompressionType(name: codecName),
              let batchSize = producer.configurationValue("batch.size").flatMap(Int.init) else { return nil }
        let level = settings.configuration["compression.level"].flatMap(Int.init)
        let values = firstValues(settings.values, budget: WirePrediction.sampleBytes(batchSize: batchSize), limit: sent)
        guard !values.isEmpty, let keys = firstKeys(settings.keys, count: values.count) else { return nil }
        let millisecondsPerMessage = sent > 0 ? elapsedSeconds * 1000 / Double(sent) : 0
        let timestamps = values.indices.map { index in
            StudyRecords.firstTimestamp + Int64(Double(index - index % MessageBatch.capacity) * millisecondsPerMessage)
        }
        return try? WirePrediction.predict(
            keys: keys, values: values, timestamps: timestamps, setting: CompressionSetting(type, level: level, client: .librdkafka),
            batchSize: batchSize, topic: settings.topic, clientID: producer.configurationValue("client.id") ?? "rdkafka",
            messageMaxBytes: producer.configurationValue("message.max.bytes").flatMap(Int.init) ?? LibrdkafkaBatchFilling.defaultMessageMaxBytes,
            batchNumMessages: producer.configurationValue("batch.num.messages").flatMap(Int.init) ?? LibrdkafkaBatchFilling.defaultBatchNumMessages)
    }

    /// The run's first values (the pool cycles) until `budget` bytes, at most `limit`.
    static func firstValues(_ pool: ValuePool, budget: Int, limit: Int) -> [[UInt8]] {
        let distinct = pool.records
        guard !distinct.isEmpty else { return [] }
        var values: [[UInt8]] = []
        var bytes = 0
        while bytes < budget, values.count < limit {
            let value = distinct[values.count % distinct.count]
            values.append(value)
            bytes += Swift.max(value.count, 1)
        }
        return values
    }

    /// The run's first `count` keys (empty for null keys), as its key source yields them.
    static func firstKeys(_ keys: ProduceKeys, count: Int) -> [[UInt8]]? {
        var buffer = KeyBuffer()
        var result: [[UInt8]] = []
        result.reserveCapacity(count)
        switch keys {
        case .none:
            return Array(repeating: [], count: count)
        case .generated(let spec, let seed):
            var generator = KeyGenerator(spec: spec, seed: seed)
            while result.count < count {
                if !generator.nextKey(into: &buffer) {
                    generator.reset()
                    guard generator.nextKey(into: &buffer) else { return nil }
                }
                result.append(buffer.bytes)
            }
        case .file(let path):
            guard path != "-", var reader = try? KeyFileReader(path: path) else { return nil }
            while result.count < count, (try? reader.nextKey(into: &buffer)) == true {
                result.append(buffer.bytes)
            }
            let read = result.count
            guard read > 0 else { return nil }
            while result.count < count { result.append(result[result.count % read]) }
        }
        return result
    }
}
