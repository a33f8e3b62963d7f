import ArgumentParser

/// The `ikamet` command.
public struct IkametCommand: ParsableCommand {
    public init() {}
    public func run() throws { print("ikamet: work in progress") }
}
