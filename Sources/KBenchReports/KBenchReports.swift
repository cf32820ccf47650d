// KBenchReports module.
