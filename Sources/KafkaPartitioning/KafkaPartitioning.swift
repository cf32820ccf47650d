// KafkaPartitioning module.
