// KBenchWorkloads: deterministic key generators and payload corpora.
