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
        return ServedResponse(status: status, headers: [("Content-Type", "application/json")], body: body)
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
