import Foundation

/// The two date forms review files use, `2027-06-30` and `2027-06-30T12:00:00Z` (or with
/// an offset, `+02:00`), read by hand: a formatter per value made date fields the slowest part of
/// reading a review, and a strict reader needs no locale.
enum CalendarDate {
    /// The instant `text` names (a plain date is midnight UTC), or nil when it is not one of the forms
    /// or not a real day or time.
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 || bytes.count >= 20,
              let year = number(bytes, 0, 4), bytes[4] == UInt8(ascii: "-"),
              let month = number(bytes, 5, 2), bytes[7] == UInt8(ascii: "-"),
              let day = number(bytes, 8, 2),
              (1...12).contains(month), (1...days(inMonth: month, year: year)).contains(day) else { return nil }
        var seconds = daysSinceEpoch(year: year, month: month, day: day) * 86_400
        guard bytes.count > 10 else { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        guard bytes[10] == UInt8(ascii: "T"),
              let hour = number(bytes, 11, 2), bytes[13] == UInt8(ascii: ":"),
              let minute = number(bytes, 14, 2), bytes[16] == UInt8(ascii: ":"),
              let second = number(bytes, 17, 2),
              hour < 24, minute < 60, second < 60 else { return nil }
        seconds += hour * 3600 + minute * 60 + second
        switch bytes.count {
        case 20 where bytes[19] == UInt8(ascii: "Z"):
            break
        case 25 where bytes[19] == UInt8(ascii: "+") || bytes[19] == UInt8(ascii: "-"):
            guard let offsetHours = number(bytes, 20, 2), bytes[22] == UInt8(ascii: ":"),
                  let offsetMinutes = number(bytes, 23, 2), offsetHours < 24, offsetMinutes < 60 else { return nil }
            let offset = offsetHours * 3600 + offsetMinutes * 60
            seconds -= bytes[19] == UInt8(ascii: "+") ? offset : -offset
        default:
            return nil
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The decimal number in `count` digits from `start`, or nil when one is not a digit.
    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in bytes[start..<start + count] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a day of the proleptic Gregorian calendar (the civil-from-days
    /// inverse: years counted from March so that the leap day comes last).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
