import CSEDiagnostics

/// An error of the API, in the hosted API's envelope: `{"error": {"code", "message", "details"}}`.
struct APIError: Error, Sendable {
    var status: Int
    var code: String
    var message: String
    var details: JSONValue

    var response: ServedResponse {
        let body = JSONWriter(style: .compact).bytes(
            .object([("error", .object([("code", .string(code)), ("message", .string(message)), ("details", details)]))]))
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        if let allow { headers.append(("Allow", allow)) }
        return ServedResponse(status: status, headers: headers, body: body)
    }

    /// A body the server does not read: too large (413), or of a media type it does not take (415).
    static func tooLarge(limit: Int) -> APIError {
        APIError(
            status: 413, code: "payload_too_large", message: "The body is larger than \(limit) bytes",
            details: .object([("limit", .int(limit))]))
    }

    static func unsupportedMediaType(_ type: String?, accepted: [String]) -> APIError {
        APIError(
            status: 415, code: "unsupported_media_type",
            message: "Content-Type '\(type ?? "none")' is not accepted; send one of: \(accepted.joined(separator: ", "))",
            details: .object([("accepted", .array(accepted.map(JSONValue.string)))]))
    }

    /// A body that does not parse: 400, with the position of the problem.
    static func malformed(_ diagnostics: [Diagnostic]) -> APIError {
        let first = diagnostics.first
        let at = first?.range.map { " at line \($0.span.start.line), column \($0.span.start.column)" } ?? ""
        return APIError(
            status: 400, code: "malformed_body", message: "The body does not parse\(at): \(first?.summary ?? "empty body")",
            details: .object(dropping: [
                ("line", first?.range.map { .int($0.span.start.line) }), ("column", first?.range.map { .int($0.span.start.column) }),
            ]))
    }

    /// The gap-analysis store failed (the disk, the database): 500, with the store's reason.
    static func storage(_ error: any Error) -> APIError {
        APIError(status: 500, code: "storage_error", message: "The gap-analysis store failed: \(error)", details: .object([]))
    }

    /// An operation this server was started without.
    static func unavailable(_ what: String) -> APIError {
        APIError(status: 501, code: "not_implemented", message: "This server offers no \(what)", details: .object([]))
    }

    /// A body that parses but does not have the operation's shape: 422.
    static func unprocessable(_ message: String, pointer: String) -> APIError {
        APIError(status: 422, code: "unprocessable_body", message: message, details: .object([("pointer", .string(pointer))]))
    }

    /// A value that is not one of the valid ones: "Invalid domain: 'INVALID'. Valid domains are: …".
    static func invalidValue(_ parameter: String, _ value: String, valid: [String]) -> APIError {
        let plural = parameter.hasSuffix("y") ? String(parameter.dropLast()) + "ies" : parameter + "s"
        let list = valid.isEmpty ? "none" : valid.joined(separator: ", ")
        return APIError(
            status: 400, code: "invalid_parameter", message: "Invalid \(parameter): '\(value)'. Valid \(plural) are: \(list)",
            details: .object([("parameter", .string(parameter)), ("value", .string(value)), ("valid", .array(valid.map(JSONValue.string)))]))
    }

    /// A parameter whose value is wrong in a way a list of values does not express.
    static func invalid(_ parameter: String, _ message: String, valid: [String]?) -> APIError {
        APIError(
            status: 400, code: "invalid_parameter", message: message,
            details: .object(dropping: [("parameter", .string(parameter)), ("valid", valid.map { .array($0.map(JSONValue.string)) })]))
    }

    static func unknownParameter(_ name: String, allowed: [String]) -> APIError {
        APIError(
            status: 400, code: "unknown_parameter",
            message: allowed.isEmpty
                ? "Unknown parameter: '\(name)'. This resource takes no parameters."
                : "Unknown parameter: '\(name)'. Valid parameters are: \(allowed.joined(separator: ", "))",
            details: .object([("parameter", .string(name)), ("valid", .array(allowed.map(JSONValue.string)))]))
    }

    static func notFound(_ path: String) -> APIError {
        APIError(
            status: 404, code: "not_found", message: "No such resource: \(path)",
            details: .object([("documentation", "/v1/openapi.json")]))
    }

    static func methodNotAllowed(_ method: String, allowed: String) -> APIError {
        var error = APIError(
            status: 405, code: "method_not_allowed", message: "\(method) is not allowed here; use \(allowed)",
            details: .object([("allowed", .string(allowed))]))
        error.allow = allowed
        return error
    }

    /// The `Allow` header of a 405.
    var allow: String?
}
