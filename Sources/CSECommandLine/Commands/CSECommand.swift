import ArgumentParser
import Foundation

/// The `cse` command: compiles and checks the Compliance Signal Enumeration registry.
public struct CSECommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cse",
        abstract: "Compile and check the Compliance Signal Enumeration registry.",
        version: CSEVersion.current,
        subcommands: [
            Validate.self, Build.self, Schema.self, CoverageCommand.self, CrosswalkCommand.self, GapAnalysisCommand.self,
            ImportCommand.self, New.self, Fmt.self, Explain.self, Diff.self, Release.self, GenerateSignalJSON.self, Serve.self,
        ]
    )

    public init() {}

    /// Parses the command line, runs the command and exits with a documented status: 0 clean, 1 problems
    /// in the inputs, 2 usage or environment error. (The argument parser's own default for a usage error is
    /// 64, which the documentation never promised.)
    public static func runAndExit(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(ExitStatus.clean)
        } catch {
            let code = exitCode(for: error)
            if error is ExitCode || code == .success {
                // A command's chosen status, or help and --version (printed by the parser).
                exit(withError: error)
            }
            let message = code == .validationFailure ? fullMessage(for: error) : "error: \(error)"
            Console.err(message.hasSuffix("\n") ? message : message + "\n")
            Foundation.exit(ExitStatus.environment)
        }
    }
}

/// The tool's version, reported by `--version` and in machine-readable outputs.
public enum CSEVersion {
    public static let current = "0.1.0"
}
