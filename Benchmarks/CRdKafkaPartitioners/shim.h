// librdkafka's public header, for its exported partitioner functions
// (rd_kafka_msg_partitioner_murmur2, _consistent, _fnv1a) that HashingBenchmarks times.
#pragma once
#include <librdkafka/rdkafka.h>
