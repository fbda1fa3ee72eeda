import CSEDiagnostics
import CSEMarkdown

/// Diagnostics of the `input.*` group (reading files) and `markdown.too-deep`, shared by the loader and by
/// the commands that read files named on the command line.
public enum InputDiagnostics {
    /// The diagnostic for a file that could not be read.
    public static func unreadable(_ path: String, _ error: any Error) -> Diagnostic {
        switch error as? FileReadError {
        case .tooLarge(let size, let limit)?:
            return Diagnostic(
                .inputTooLarge, range: .file(path),
                summary: "'\(path)' is \(size) bytes, more than the limit of \(limit)",
                hint: "inputs are limited in size so that a pull request cannot exhaust the build's memory; split the file")
        case .notAFile(let what)?:
            return Diagnostic(
                .inputNotAFile, range: .file(path),
                summary: "'\(path)' is \(what), not a regular file",
                hint: "only regular files are read (a pipe or device could block or never end); replace it with a file")
        case .outsideRoot?:
            return LayoutDiagnostics.symlinkEscape(path)
        case .unreadable(let reason)?:
            return Diagnostic(
                .inputUnreadable, range: .file(path), summary: "cannot read '\(path)': \(reason)",
                hint: "check the file's permissions")
        case .missing?, nil:
            return Diagnostic(.inputUnreadable, range: .file(path), summary: "cannot read '\(path)'", hint: "check the file's permissions")
        }
    }

    /// `input.no-document`: a file that must define something and holds nothing (empty, or only comments).
    public static func noDocument(_ path: String) -> Diagnostic {
        Diagnostic(
            .inputNoDocument, range: .file(path),
            summary: "'\(path)' holds no document (it is empty or only comments)",
            hint: "write the file's content, or delete the file; an empty file would make what it defines vanish from the release")
    }

    /// `markdown.too-deep` when a markdown text nests deeper than the renderer allows; nil when it does not.
    ///
    /// Only a text whose cheap upper bound is over the limit is parsed to find the place.
    public static func markdownTooDeep(_ bytes: [UInt8], file: String) -> Diagnostic? {
        let bound = bytes.withUnsafeBufferPointer { MarkdownDocument.nestingBound($0) }
        guard bound > MarkdownDocument.maximumDepth else { return nil }
        let document = MarkdownDocument(String(decoding: bytes, as: UTF8.self))
        guard let location = document.tooDeep else { return nil }
        return Diagnostic(
            .markdownTooDeep, range: SourceRange(file: file, span: SourceSpan(start: location, end: location)),
            summary: "the markdown nests more than \(MarkdownDocument.maximumDepth) levels deep here (block quotes, lists, emphasis or links)",
            hint: "flatten the nesting; no README needs this depth, and the site could not render it")
    }
}
