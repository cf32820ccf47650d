// KafkaLive — the librdkafka bridge, and nothing else: what kbench measures or decides with
// it lives in KBenchStudies (produce benchmark, audit, chat).
//
// Client/: `KafkaConfiguration` (librdkafka properties), `KafkaProducer` (delivery reports as
// `DeliveryReport`/`DeliveryEvent`, a kbench strategy as librdkafka's partitioner through
// `ProducerPartitioner`, `MessageBatch` for `rd_kafka_produce_batch`, `MessageStamp` for the
// per-message opaque), `KafkaConsumer`, `KafkaLiveError` with `LibrdkafkaErrorCode`.
// Statistics/: `StatisticsEmission` (the wire figures of one statistics JSON) and
// `WireStatistics` (a topic's batches summed over every emission, up to a final one).
// Admin/: `ClusterMetadata` (topics, partition counts, CreateTopics) and low watermarks.
// MockCluster/: librdkafka's in-process mock cluster (`MockCluster`, fault injection) and
// `MockClusterWatcher`, which reports auto-created topics and dropped offsets.
// `LibrdkafkaPartitioners` exposes librdkafka's partitioner C functions; `LibrdkafkaVersion`
// the linked library's version (passed to reports, which do not link librdkafka).
//
// librdkafka's mock cluster is not Kafka: no CreateTopics handler, auto-created topics get 4
// partitions, each partition keeps only its newest 5 MiB / 100,000 message sets.
