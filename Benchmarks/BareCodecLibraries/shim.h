// The codec libraries' own headers, for the bare calls the compression benchmarks measure
// kbench's Kafka-framed codecs against (named apart from the main package's C shims).
#pragma once
#include <zlib.h>
#include <snappy-c.h>
#include <lz4.h>
#include <lz4hc.h>
#include <zstd.h>
