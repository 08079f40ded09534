import Foundation
import Testing
@testable import CountersignCore

/// The hand-written date reader agrees with Foundation's ISO 8601 formatter on the forms the
/// contract uses, and refuses what is not a real day or time.
@Suite struct CalendarDateTests {
    static func formatter(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = text.count == 10 ? [.withFullDate] : [.withInternetDateTime]
        return formatter.date(from: text)
    }

    @Test(arguments: [
        "1970-01-01", "2027-06-30", "2000-02-29", "2024-02-29", "1900-03-01", "2099-12-31", "1600-02-29",
        "2027-06-30T00:00:00Z", "2027-06-30T23:59:59Z", "2026-11-30T12:34:56+02:00", "2026-11-30T00:10:00-05:30",
        "1969-12-31T23:59:59Z",
    ])
    func agreesWithFoundation(_ text: String) throws {
        let parsed = try #require(CalendarDate.parse(text))
        #expect(parsed == Self.formatter(text))
    }

    /// ISO 8601 counts every year by the Gregorian rules; Foundation switches to the Julian calendar
    /// before 1582, which no review date needs.
    @Test func earlyYearsAreProlepticGregorian() {
        #expect(CalendarDate.parse("0001-01-01")?.timeIntervalSince1970 == -62_135_596_800)
    }

    @Test(arguments: [
        "", "2027-6-30", "2027-06-31", "2027-02-29", "1900-02-29", "2027-13-01", "2027-00-10", "2027-06-00",
        "27-06-30", "2027/06/30", "2027-06-30T24:00:00Z", "2027-06-30T12:60:00Z", "2027-06-30T12:00:60Z",
        "2027-06-30T12:00:00", "2027-06-30 12:00:00Z", "2027-06-30T12:00:00+0200", "2027-06-30T12:00:00+25:00",
        "２０２７-06-30", "2027-06-30Z", "next tuesday",
    ])
    func refusesWhatIsNotADate(_ text: String) {
        #expect(CalendarDate.parse(text) == nil)
    }
}
