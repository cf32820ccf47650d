// KafkaLive module.
