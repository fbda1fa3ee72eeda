import ArgumentParser

/// The `cse` command: compiles and checks the Compliance Signal Enumeration registry.
public struct CSECommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cse",
        abstract: "Compile and check the Compliance Signal Enumeration registry.",
        version: CSEVersion.current,
        subcommands: [
            Validate.self, Build.self, Schema.self, CoverageCommand.self, CrosswalkCommand.self, GapAnalysisCommand.self,
            ImportCommand.self,
        ]
    )

    public init() {}
}

/// The tool's version, reported by `--version` and in machine-readable outputs.
public enum CSEVersion {
    public static let current = "0.1.0"
}
