// KafkaRecords module.
