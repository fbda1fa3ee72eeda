import ArgumentParser

/// The `cse` command: compiles and checks the Compliance Signal Enumeration registry.
public struct CSECommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cse",
        abstract: "Compile and check the Compliance Signal Enumeration registry."
    )

    public init() {}
}
