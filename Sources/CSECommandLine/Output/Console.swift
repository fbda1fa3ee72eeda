import Foundation

/// Writes to standard output and standard error without buffering surprises.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Exit codes of every command: 0 clean, 1 problems found, 2 usage or environment error.
enum ExitStatus {
    static let clean: Int32 = 0
    static let problems: Int32 = 1
    static let environment: Int32 = 2
}
