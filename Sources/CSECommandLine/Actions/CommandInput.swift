import ArgumentParser
import CSECore
import CSEDiagnostics

/// Reads a file named on the command line (a findings file, a catalog, a schema), the one way every
/// command does: a regular file within a size limit (``BoundedFile``).
///
/// A file that is missing, unreadable or not a regular file is an environment error (exit 2); one over the
/// limit is a problem in the input, an `input.too-large` diagnostic (exit 1).
enum CommandInput {
    static func read(_ path: String, limit: Int = InputLimits.fileSize, format: DiagnosticFormat) throws -> [UInt8] {
        do {
            return try BoundedFile.read(path: path, limit: limit)
        } catch .tooLarge(let size, let limit) {
            let diagnostic = InputDiagnostics.unreadable(path, FileReadError.tooLarge(size: size, limit: limit))
            let rendered = format.render([diagnostic], sources: { _ in nil }, fileCount: 1, toolVersion: CSEVersion.current)
            if format == .human { Console.err(rendered) } else { Console.out(rendered) }
            throw ExitCode(ExitStatus.problems)
        } catch {
            Console.err("error: cannot read '\(path)'\nReason: \(error)\n")
            throw ExitCode(ExitStatus.environment)
        }
    }
}
