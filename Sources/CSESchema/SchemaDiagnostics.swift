public import CSEDiagnostics

/// The diagnostics of JSON Schema validation: `schema.` and the keyword in kebab-case, alphabetical.
///
/// Each points at the instance node (the key for an extra property, the object for a missing one, the value
/// otherwise) and carries the instance's JSON Pointer and the keyword path through the schema.
extension DiagnosticKind {
    public static let schemaAdditionalItem = DiagnosticKind(
        "schema.additional-item", .error,
        meaning: "an array item past the `prefixItems` where `items` is false",
        explanation: "The schema fixes how many items the array has; remove the extra ones.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"prefixItems": [{"type": "string"}], "items": false}"##, "document.json": ##"["a", "b"]"##],
            right: ["schema.json": ##"{"prefixItems": [{"type": "string"}], "items": false}"##, "document.json": ##"["a"]"##]))

    public static let schemaAdditionalProperty = DiagnosticKind(
        "schema.additional-property", .error,
        meaning: "a property the schema does not allow (`additionalProperties` or `unevaluatedProperties` false); suggests the nearest known property",
        explanation:
            "Registry documents are closed: a misspelt key would otherwise be ignored silently. The message names the closest allowed key when there is one.",
        example: DiagnosticExample(
            .schemaValidate,
            wrong: ["schema.json": ##"{"properties": {"status": {}}, "additionalProperties": false}"##, "document.json": ##"{"stauts": "active"}"##],
            right: ["schema.json": ##"{"properties": {"status": {}}, "additionalProperties": false}"##, "document.json": ##"{"status": "active"}"##]))

    public static let schemaAnyOf = DiagnosticKind(
        "schema.any-of", .error,
        meaning: "the value matches none of the alternatives in `anyOf`; the hint names what each alternative wanted",
        explanation:
            "When one alternative is clearly closest its own problems are reported instead; otherwise the hint lists the first problem of each alternative.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"anyOf": [{"type": "string"}, {"type": "integer"}]}"##, "document.json": ##"true"##],
            right: ["schema.json": ##"{"anyOf": [{"type": "string"}, {"type": "integer"}]}"##, "document.json": ##""yes""##]))

    public static let schemaBudget = DiagnosticKind(
        "schema.budget", .error,
        meaning: "checking the document needs more than 20,000 + 128 × (its nodes) schema applications: the verdict is unknown",
        explanation:
            "A recursive schema whose `anyOf`/`oneOf` branches both descend doubles the work at every level, and a small document could keep the validator busy for hours. Evaluation stops at the budget; simplify the schema or flatten the document. (This registry's own files need at most 3,679 applications.)",
        example: DiagnosticExample(
            .schemaValidate,
            wrong: [
                "schema.json":
                    ##"{"$defs": {"n": {"anyOf": [{"type": "array", "items": {"$ref": "#/$defs/n"}}, {"type": "array", "items": {"$ref": "#/$defs/n"}, "minItems": 1}]}}, "$ref": "#/$defs/n"}"##,
                "document.json": String(repeating: "[", count: 40) + "\"x\"" + String(repeating: "]", count: 40),
            ],
            right: [
                "schema.json":
                    ##"{"$defs": {"n": {"anyOf": [{"type": "array", "items": {"$ref": "#/$defs/n"}}, {"type": "array", "items": {"$ref": "#/$defs/n"}, "minItems": 1}]}}, "$ref": "#/$defs/n"}"##,
                "document.json": ##"[[[]]]"##,
            ]))

    public static let schemaConst = DiagnosticKind(
        "schema.const", .error,
        meaning: "the value differs from the `const` it must equal",
        explanation: "The schema admits exactly one value here.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"properties": {"format_version": {"const": 1}}}"##, "document.json": ##"{"format_version": 2}"##],
            right: ["schema.json": ##"{"properties": {"format_version": {"const": 1}}}"##, "document.json": ##"{"format_version": 1}"##]))

    public static let schemaContains = DiagnosticKind(
        "schema.contains", .error,
        meaning: "no item matches the `contains` schema",
        explanation: "At least one item must match the schema under `contains`.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"contains": {"const": "storage"}}"##, "document.json": ##"["network"]"##],
            right: ["schema.json": ##"{"contains": {"const": "storage"}}"##, "document.json": ##"["network", "storage"]"##]))

    public static let schemaDependentRequired = DiagnosticKind(
        "schema.dependent-required", .error,
        meaning: "a property that `dependentRequired` asks for when another is present is missing",
        explanation: "Some properties only make sense together, such as `deprecated_in` with `replaced_by`.",
        example: DiagnosticExample(
            .schemaValidate,
            wrong: ["schema.json": ##"{"dependentRequired": {"deprecated_in": ["replaced_by"]}}"##, "document.json": ##"{"deprecated_in": "1.2.0"}"##],
            right: [
                "schema.json": ##"{"dependentRequired": {"deprecated_in": ["replaced_by"]}}"##,
                "document.json": ##"{"deprecated_in": "1.2.0", "replaced_by": "CSE-HIPAA-TECH-NEW-002"}"##,
            ]))

    public static let schemaDepth = DiagnosticKind(
        "schema.depth", .error,
        meaning:
            "more than 4,096 schemas applied one inside another, or more than 256 in place at one value (a `$ref` cycle that never descends): the verdict is unknown",
        explanation:
            "Evaluation recurses once per schema applied, so it is bounded; every document the readers accept (512 levels) fits against a schema that descends. A `$ref` that reaches itself without moving into the value can decide nothing and is stopped.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"$defs": {"loop": {"$ref": "#/$defs/loop"}}, "$ref": "#/$defs/loop"}"##, "document.json": ##"{}"##],
            right: ["schema.json": ##"{"$defs": {"loop": {"$ref": "#/$defs/loop"}}, "type": "object"}"##, "document.json": ##"{}"##],
            note: "break the cycle: a schema must move into the value before it refers to itself again"))

    public static let schemaEnum = DiagnosticKind(
        "schema.enum", .error,
        meaning: "the value is not one of the `enum` values; lists them and the closest one",
        explanation: "The schema admits only the listed values.",
        example: DiagnosticExample(
            .schemaValidate,
            wrong: ["schema.json": ##"{"properties": {"status": {"enum": ["active", "deprecated"]}}}"##, "document.json": ##"{"status": "actve"}"##],
            right: ["schema.json": ##"{"properties": {"status": {"enum": ["active", "deprecated"]}}}"##, "document.json": ##"{"status": "active"}"##]))

    public static let schemaExclusiveMaximum = DiagnosticKind(
        "schema.exclusive-maximum", .error,
        meaning: "the number is not below the `exclusiveMaximum`",
        explanation: "The bound itself is not allowed.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"exclusiveMaximum": 1}"##, "document.json": ##"1"##],
            right: ["schema.json": ##"{"exclusiveMaximum": 1}"##, "document.json": ##"0.99"##]))

    public static let schemaExclusiveMinimum = DiagnosticKind(
        "schema.exclusive-minimum", .error,
        meaning: "the number is not above the `exclusiveMinimum`",
        explanation: "The bound itself is not allowed.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"exclusiveMinimum": 0}"##, "document.json": ##"0"##],
            right: ["schema.json": ##"{"exclusiveMinimum": 0}"##, "document.json": ##"0.01"##]))

    public static let schemaFalse = DiagnosticKind(
        "schema.false", .error,
        meaning: "the schema here is `false`: no value is allowed",
        explanation: "A `false` schema rejects everything at its place, such as a property that is reserved or retired.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"properties": {"legacy": false}}"##, "document.json": ##"{"legacy": 1}"##],
            right: ["schema.json": ##"{"properties": {"legacy": false}}"##, "document.json": ##"{}"##]))

    public static let schemaFormat = DiagnosticKind(
        "schema.format", .error,
        meaning: "a string is not a valid `format` (date, date-time, uri, email …); formats are asserted",
        explanation: "cse checks formats instead of treating them as annotations, so a malformed date or URL is caught before it is published.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"format": "date"}"##, "document.json": ##""2026-02-30""##],
            right: ["schema.json": ##"{"format": "date"}"##, "document.json": ##""2026-02-28""##]))

    public static let schemaMaxContains = DiagnosticKind(
        "schema.max-contains", .error,
        meaning: "more items match the `contains` schema than `maxContains` allows",
        explanation: "Only so many items may match the schema under `contains`.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"contains": {"const": "x"}, "maxContains": 1}"##, "document.json": ##"["x", "x"]"##],
            right: ["schema.json": ##"{"contains": {"const": "x"}, "maxContains": 1}"##, "document.json": ##"["x", "y"]"##]))

    public static let schemaMaxItems = DiagnosticKind(
        "schema.max-items", .error,
        meaning: "the array has more items than `maxItems`",
        explanation: "The schema bounds the array's length.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"maxItems": 2}"##, "document.json": ##"[1, 2, 3]"##],
            right: ["schema.json": ##"{"maxItems": 2}"##, "document.json": ##"[1, 2]"##]))

    public static let schemaMaxLength = DiagnosticKind(
        "schema.max-length", .error,
        meaning: "the string is longer than `maxLength` (in characters)",
        explanation: "Lengths count Unicode characters, not bytes.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"maxLength": 5}"##, "document.json": ##""longer""##],
            right: ["schema.json": ##"{"maxLength": 5}"##, "document.json": ##""short""##]))

    public static let schemaMaxProperties = DiagnosticKind(
        "schema.max-properties", .error,
        meaning: "the object has more properties than `maxProperties`",
        explanation: "The schema bounds how many properties the object has.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"maxProperties": 1}"##, "document.json": ##"{"a": 1, "b": 2}"##],
            right: ["schema.json": ##"{"maxProperties": 1}"##, "document.json": ##"{"a": 1}"##]))

    public static let schemaMaximum = DiagnosticKind(
        "schema.maximum", .error,
        meaning: "the number is above the `maximum`",
        explanation: "The bound itself is allowed.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"maximum": 1}"##, "document.json": ##"1.5"##],
            right: ["schema.json": ##"{"maximum": 1}"##, "document.json": ##"1"##]))

    public static let schemaMinContains = DiagnosticKind(
        "schema.min-contains", .error,
        meaning: "fewer items match the `contains` schema than `minContains` asks",
        explanation: "At least that many items must match the schema under `contains`.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"contains": {"const": "x"}, "minContains": 2}"##, "document.json": ##"["x", "y"]"##],
            right: ["schema.json": ##"{"contains": {"const": "x"}, "minContains": 2}"##, "document.json": ##"["x", "x"]"##]))

    public static let schemaMinItems = DiagnosticKind(
        "schema.min-items", .error,
        meaning: "the array has fewer items than `minItems`",
        explanation: "An empty list is usually a missing value: a family needs at least one control.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"minItems": 1}"##, "document.json": ##"[]"##],
            right: ["schema.json": ##"{"minItems": 1}"##, "document.json": ##"[1]"##]))

    public static let schemaMinLength = DiagnosticKind(
        "schema.min-length", .error,
        meaning: "the string is shorter than `minLength` (in characters)",
        explanation: "Lengths count Unicode characters, not bytes.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"minLength": 3}"##, "document.json": ##""ab""##],
            right: ["schema.json": ##"{"minLength": 3}"##, "document.json": ##""abc""##]))

    public static let schemaMinProperties = DiagnosticKind(
        "schema.min-properties", .error,
        meaning: "the object has fewer properties than `minProperties`",
        explanation: "The schema asks for at least that many properties.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"minProperties": 1}"##, "document.json": ##"{}"##],
            right: ["schema.json": ##"{"minProperties": 1}"##, "document.json": ##"{"a": 1}"##]))

    public static let schemaMinimum = DiagnosticKind(
        "schema.minimum", .error,
        meaning: "the number is below the `minimum`",
        explanation: "The bound itself is allowed.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"minimum": 0}"##, "document.json": ##"-1"##],
            right: ["schema.json": ##"{"minimum": 0}"##, "document.json": ##"0"##]))

    public static let schemaMultipleOf = DiagnosticKind(
        "schema.multiple-of", .error,
        meaning: "the number is not a multiple of `multipleOf`",
        explanation: "Decimal multiples are compared exactly, so 0.3 is a multiple of 0.1.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"multipleOf": 5}"##, "document.json": ##"7"##],
            right: ["schema.json": ##"{"multipleOf": 5}"##, "document.json": ##"10"##]))

    public static let schemaNot = DiagnosticKind(
        "schema.not", .error,
        meaning: "the value matches the schema under `not`",
        explanation: "The schema forbids what `not` describes.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"not": {"const": "TODO"}}"##, "document.json": ##""TODO""##],
            right: ["schema.json": ##"{"not": {"const": "TODO"}}"##, "document.json": ##""Done""##]))

    public static let schemaOneOf = DiagnosticKind(
        "schema.one-of", .error,
        meaning: "the value matches none, or more than one, of the alternatives in `oneOf`",
        explanation: "Exactly one alternative must match. Matching two usually means the alternatives overlap, or the value is ambiguous.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"##, "document.json": ##"1"##],
            right: ["schema.json": ##"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"##, "document.json": ##"2.5"##]))

    public static let schemaPattern = DiagnosticKind(
        "schema.pattern", .error,
        meaning: "the string does not match the `pattern` (an ECMA-262 regular expression, unanchored)",
        explanation: "IDs, versions and codes have fixed shapes; the pattern in the message is the schema's.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"pattern": "^[0-9]+\\.[0-9]+\\.[0-9]+$"}"##, "document.json": ##""1.0""##],
            right: ["schema.json": ##"{"pattern": "^[0-9]+\\.[0-9]+\\.[0-9]+$"}"##, "document.json": ##""1.0.0""##]))

    public static let schemaPatternLimit = DiagnosticKind(
        "schema.pattern-limit", .error,
        meaning: "the regular-expression engine gave up on a value (its backtracking limit): whether it matches is unknown",
        explanation:
            "Reported as its own problem rather than a mismatch, since the value may well match. Shorten the value or simplify the pattern: nested or alternated repetitions over long text make engines give up.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"pattern": "^(a|é)*$"}"##, "document.json": "\"" + String(repeating: "aé", count: 500_000) + "\""],
            right: ["schema.json": ##"{"pattern": "^(a|é)*$"}"##, "document.json": ##""aéaé""##]))

    public static let schemaPropertyNames = DiagnosticKind(
        "schema.property-names", .error,
        meaning: "a property name does not match the `propertyNames` schema",
        explanation: "The schema constrains the keys themselves, such as upper-case framework codes.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"propertyNames": {"pattern": "^[A-Z0-9]+$"}}"##, "document.json": ##"{"hipaa": 1}"##],
            right: ["schema.json": ##"{"propertyNames": {"pattern": "^[A-Z0-9]+$"}}"##, "document.json": ##"{"HIPAA": 1}"##]))

    public static let schemaRequired = DiagnosticKind(
        "schema.required", .error,
        meaning: "a required property is missing; points at the object",
        explanation: "Every listed property must be present.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"required": ["id", "title"]}"##, "document.json": ##"{"id": "AC-1"}"##],
            right: ["schema.json": ##"{"required": ["id", "title"]}"##, "document.json": ##"{"id": "AC-1", "title": "Policy and procedures"}"##]))

    public static let schemaType = DiagnosticKind(
        "schema.type", .error,
        meaning: "the value has the wrong JSON type (a number where a string belongs)",
        explanation: "YAML reads `1.0` as a number and `yes` as a string; quote a value that must stay text, such as a version or a control ID.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"properties": {"version": {"type": "string"}}}"##, "document.json": ##"{"version": 1.0}"##],
            right: ["schema.json": ##"{"properties": {"version": {"type": "string"}}}"##, "document.json": ##"{"version": "1.0"}"##]))

    public static let schemaUnevaluatedItem = DiagnosticKind(
        "schema.unevaluated-item", .error,
        meaning: "an array item no applicator evaluated, where `unevaluatedItems` is false",
        explanation: "The schema closes the array after the items its subschemas describe.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"prefixItems": [{"type": "string"}], "unevaluatedItems": false}"##, "document.json": ##"["a", 1]"##],
            right: ["schema.json": ##"{"prefixItems": [{"type": "string"}], "unevaluatedItems": false}"##, "document.json": ##"["a"]"##]))

    public static let schemaUniqueItems = DiagnosticKind(
        "schema.unique-items", .error,
        meaning: "two items of an array are equal where `uniqueItems` is true; names both",
        explanation: "Equality is JSON's: 1 and 1.0 are equal, and so are objects with the same members in any order.",
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": ##"{"uniqueItems": true}"##, "document.json": ##"["storage", "network", "storage"]"##],
            right: ["schema.json": ##"{"uniqueItems": true}"##, "document.json": ##"["storage", "network"]"##]))

    /// The schema kinds, alphabetical.
    public static let schemaKinds: [DiagnosticKind] = [
        .schemaAdditionalItem, .schemaAdditionalProperty, .schemaAnyOf, .schemaBudget, .schemaConst, .schemaContains,
        .schemaDependentRequired, .schemaDepth, .schemaEnum, .schemaExclusiveMaximum, .schemaExclusiveMinimum,
        .schemaFalse, .schemaFormat, .schemaMaxContains, .schemaMaxItems, .schemaMaxLength, .schemaMaxProperties,
        .schemaMaximum, .schemaMinContains, .schemaMinItems, .schemaMinLength, .schemaMinProperties, .schemaMinimum,
        .schemaMultipleOf, .schemaNot, .schemaOneOf, .schemaPattern, .schemaPatternLimit, .schemaPropertyNames,
        .schemaRequired, .schemaType, .schemaUnevaluatedItem, .schemaUniqueItems,
    ]
}
