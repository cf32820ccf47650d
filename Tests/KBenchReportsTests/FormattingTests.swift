import Testing
@testable import KBenchReports
