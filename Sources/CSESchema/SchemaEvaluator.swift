import CSEDiagnostics
import CSEYAML
import Foundation

/// What in-place subschemas evaluated, for `unevaluatedProperties` and `unevaluatedItems`.
struct Annotations {
    /// Indices (into the object's members) of the evaluated properties: all annotations describe one
    /// instance, so an index names a property without hashing its key.
    var properties = MemberSet()
    var allProperties = false
    var itemPrefix = 0
    var allItems = false
    var items: Set<Int> = []

    mutating func merge(_ other: Annotations) {
        properties.formUnion(other.properties)
        allProperties = allProperties || other.allProperties
        itemPrefix = max(itemPrefix, other.itemPrefix)
        allItems = allItems || other.allItems
        items.formUnion(other.items)
    }

    func evaluated(item i: Int) -> Bool { allItems || i < itemPrefix || items.contains(i) }
    func evaluated(property index: Int) -> Bool { allProperties || properties.contains(index) }
}

/// A set of member indices: a bit mask for the first 64, a `Set` beyond.
struct MemberSet {
    var low: UInt64 = 0
    var rest: Set<Int> = []

    @inline(__always)
    mutating func insert(_ i: Int) {
        if i < 64 { low |= 1 << UInt64(i) } else { rest.insert(i) }
    }

    @inline(__always)
    func contains(_ i: Int) -> Bool { i < 64 ? low & (1 << UInt64(i)) != 0 : rest.contains(i) }

    mutating func formUnion(_ other: MemberSet) {
        low |= other.low
        if !other.rest.isEmpty { rest.formUnion(other.rest) }
    }
}

/// One failed assertion, before it becomes a ``Diagnostic``.
struct Failure {
    var kind: DiagnosticKind
    var summary: String
    var hint: String?
    var span: SourceSpan
    var instancePointer: String
    var schemaPath: String
    /// Depth of the instance location, for choosing the closest `anyOf`/`oneOf` branch.
    var depth: Int
    /// For `schema.type`: the expected type names.
    var expectedTypes: [String]? = nil
}

/// The per-call state of one validation: paths, dynamic scope, collected failures.
///
/// One evaluator serves one validation on one thread, and no method holds a reference into its state
/// across a call that changes it, so its state skips the run-time exclusivity checks Swift otherwise makes
/// on every access to a class's `var` (a few percent of validation).
final class SchemaEvaluator {
    /// Keeps the entries' memory alive.
    let table: SchemaTable
    /// The program's schemas, read through a pointer (see ``SchemaTable``).
    let schemas: UnsafeBufferPointer<SchemaTable.Entry>
    /// When false, nothing is recorded and evaluation stops at the first failure.
    @exclusivity(unchecked) var collect: Bool
    @exclusivity(unchecked) var failures: [Failure] = []
    @exclusivity(unchecked) var instancePath: [PointerStep] = []
    @exclusivity(unchecked) var schemaPath: [String] = []
    @exclusivity(unchecked) var scope: [Int] = []
    @exclusivity(unchecked) var depth = 0
    /// Schemas applied in place, one inside another, at the current instance location (`$ref`, `allOf`,
    /// `anyOf` … without descending into the value).
    @exclusivity(unchecked) var inPlaceDepth = 0
    /// The schema whose keywords are being applied.
    @exclusivity(unchecked) var current = 0
    /// Schemas applied so far, and how many may be: each `anyOf`/`oneOf` branch and each `$ref` is one, so a
    /// recursive schema whose alternatives multiply the work per level is stopped, not run for hours.
    @exclusivity(unchecked) var steps = 0
    let budget: Int
    /// Failures recorded at most: a megabyte of unknown keys is hundreds of thousands of failures, each
    /// with strings; past this they are only counted.
    static let maximumRecorded = 1_000
    /// Failures past the cap, by ID: where the first was and how many.
    @exclusivity(unchecked) var omitted: [DiagnosticKind: (span: SourceSpan, count: Int)] = [:]
    /// How many `anyOf`/`oneOf` evaluations are open (their branches' failures may be dropped).
    @exclusivity(unchecked) var alternativeDepth = 0
    /// Where evaluation stopped for a limit (``Limit``); nil while it runs within them.
    @exclusivity(unchecked) var stopped: (limit: Limit, span: SourceSpan)?

    /// A limit that stopped an evaluation; the verdict is then unknown, never a plain "does not match".
    enum Limit {
        case depth, inPlaceDepth, budget
    }

    /// Most schemas applied one inside another. Instances nest at most ``DocumentLoader/maximumDepth`` levels
    /// and a level usually takes one to three applications (`items`, then `$ref`): this admits every
    /// document the parsers admit against any schema that descends, while bounding the stack.
    static let maximumDepth = 8 * DocumentLoader.maximumDepth
    /// Most schemas applied in place at one instance location: only a schema that refers to itself
    /// without descending (`{"$ref": "#"}`) gets near it.
    static let maximumInPlaceDepth = 256

    /// The work budget for an instance of `nodes` nodes.
    static func budget(nodes: Int) -> Int { 20_000 + 128 * nodes }

    init(program: SchemaProgram, collect: Bool, budget: Int) {
        table = program.table
        schemas = program.table.entries
        self.collect = collect
        self.budget = budget
        instancePath.reserveCapacity(16)
        schemaPath.reserveCapacity(32)
    }

    /// Records the first limit hit; evaluation then unwinds, every schema failing without a message.
    private func stop(_ limit: Limit, at span: SourceSpan) -> Bool {
        if stopped == nil { stopped = (limit, span) }
        return false
    }

    // MARK: - Recording

    func fail(
        _ kind: DiagnosticKind, _ summary: String, at span: SourceSpan, hint: String? = nil, keyword: String? = nil,
        types: [String]? = nil
    ) {
        guard collect else { return }
        guard failures.count < Self.maximumRecorded else {
            // Past the cap only a count is kept (outside alternatives, whose failures are provisional).
            if alternativeDepth == 0 {
                if let first = omitted[kind] { omitted[kind] = (first.span, first.count + 1) } else { omitted[kind] = (span, 1) }
            }
            return
        }
        var path = "#"
        for token in schemaPath { path += "/" + token }
        if let keyword { path += "/" + keyword }
        failures.append(
            Failure(
                kind: kind, summary: summary, hint: hint, span: span, instancePointer: pointerString(instancePath),
                schemaPath: path, depth: instancePath.count, expectedTypes: types))
    }

    /// Runs `body` without recording failures (and with early exit), restoring the mode afterwards.
    @inline(__always)
    func quietly(_ body: () -> Bool) -> Bool {
        let saved = collect
        collect = false
        defer { collect = saved }
        return body()
    }

    // MARK: - Evaluation

    func evaluate(_ index: Int, _ node: Node, _ annotations: inout Annotations?) -> Bool {
        let schema = schemas[index]
        if let constant = schema.constant {
            if !constant { fail(.schemaFalse, "no value is allowed here", at: node.span) }
            return constant
        }
        if stopped != nil { return false }
        steps += 1
        if steps > budget { return stop(.budget, at: node.span) }
        depth += 1
        inPlaceDepth += 1
        defer {
            depth -= 1
            inPlaceDepth -= 1
        }
        if depth > Self.maximumDepth { return stop(.depth, at: node.span) }
        if inPlaceDepth > Self.maximumInPlaceDepth { return stop(.inPlaceDepth, at: node.span) }
        let saved = current
        current = index
        defer { current = saved }
        let resource = schema.resource
        let pushed = scope.last != resource
        if pushed { scope.append(resource) }
        defer { if pushed { scope.removeLast() } }

        var local: Annotations? = (annotations != nil || schema.needsAnnotations) ? Annotations() : nil
        // Each keyword is switched on where it is stored: handing `apply` a copy would cost a retain and
        // release of its payload for every keyword of every schema applied.
        var valid = true
        if let keywords = schema.keywords.baseAddress {
            for k in 0..<schema.keywords.count where !apply(keywords + k, node, &local) {
                valid = false
                if !collect { break }
            }
        }
        if valid, annotations != nil, let local { annotations!.merge(local) }
        return valid
    }

    /// Evaluates a subschema under `keyword` (and an optional second schema-path token) at the same
    /// instance. Paths are only maintained while failures are being recorded.
    @inline(__always)
    private func inPlace(
        _ index: Int, _ node: Node, _ annotations: inout Annotations?, _ keyword: String,
        _ token: @autoclosure () -> String? = nil
    ) -> Bool {
        let tracking = collect
        var pushed = 1
        if tracking {
            schemaPath.append(keyword)
            if let token = token() {
                schemaPath.append(token)
                pushed = 2
            }
        }
        defer {
            if tracking {
                schemaPath.removeLast(pushed)
            }
        }
        return evaluate(index, node, &annotations)
    }

    /// Evaluates a subschema at a child instance (array item or property value).
    @inline(__always)
    private func atChild(
        _ index: Int, _ node: Node, _ step: @autoclosure () -> PointerStep, _ keyword: String,
        _ token: @autoclosure () -> String? = nil
    ) -> Bool {
        let tracking = collect
        var pushed = 1
        if tracking {
            instancePath.append(step())
            schemaPath.append(keyword)
            if let token = token() {
                schemaPath.append(token)
                pushed = 2
            }
        }
        defer {
            if tracking {
                instancePath.removeLast()
                schemaPath.removeLast(pushed)
            }
        }
        // A child is a new instance location: the in-place chain starts again there.
        let chain = inPlaceDepth
        inPlaceDepth = 0
        defer { inPlaceDepth = chain }
        var none: Annotations?
        return evaluate(index, node, &none)
    }

    private func apply(_ keyword: UnsafePointer<Keyword>, _ node: Node, _ local: inout Annotations?) -> Bool {
        switch keyword.pointee {
        case .ref(let target):
            return inPlace(target, node, &local, "$ref")

        case .dynamicRef(let target, let candidates):
            var chosen = target
            if !candidates.isEmpty {
                outer: for resource in scope {
                    for candidate in candidates where candidate.resource == resource {
                        chosen = candidate.schema
                        break outer
                    }
                }
            }
            return inPlace(chosen, node, &local, "$dynamicRef")

        case .type(let set, let names):
            if set.admits(node) { return true }
            fail(
                .schemaType, Messages.typeMismatch(expected: names, found: node), at: node.span, keyword: "type",
                types: names)
            return false

        case .enumeration(let values):
            for value in values where JSONEquality.equal(value, node) { return true }
            if collect {
                fail(.schemaEnum, Messages.notInEnum(node, values), at: node.span, keyword: "enum")
            }
            return false

        case .constant(let value):
            if JSONEquality.equal(value, node) { return true }
            if collect {
                fail(.schemaConst, Messages.notConst(node, value), at: node.span, keyword: "const")
            }
            return false

        case .multipleOf(let divisor):
            guard case .number(let n) = node.value, !Numbers.isMultiple(n, of: divisor) else { return true }
            fail(.schemaMultipleOf, "\(n) is not a multiple of \(divisor)", at: node.span, keyword: "multipleOf")
            return false

        case .maximum(let limit):
            guard case .number(let n) = node.value, Numbers.compare(n, limit) > 0 else { return true }
            fail(.schemaMaximum, "\(n) is greater than the maximum of \(limit)", at: node.span, keyword: "maximum")
            return false

        case .exclusiveMaximum(let limit):
            guard case .number(let n) = node.value, Numbers.compare(n, limit) >= 0 else { return true }
            fail(.schemaExclusiveMaximum, "\(n) is not less than \(limit)", at: node.span, keyword: "exclusiveMaximum")
            return false

        case .minimum(let limit):
            guard case .number(let n) = node.value, Numbers.compare(n, limit) < 0 else { return true }
            fail(.schemaMinimum, "\(n) is less than the minimum of \(limit)", at: node.span, keyword: "minimum")
            return false

        case .exclusiveMinimum(let limit):
            guard case .number(let n) = node.value, Numbers.compare(n, limit) <= 0 else { return true }
            fail(.schemaExclusiveMinimum, "\(n) is not greater than \(limit)", at: node.span, keyword: "exclusiveMinimum")
            return false

        case .maxLength(let limit):
            guard case .string(let s) = node.value else { return true }
            if s.utf8.count <= limit { return true }
            let length = s.unicodeScalars.count
            if length <= limit { return true }
            fail(
                .schemaMaxLength, "expected at most \(Messages.count(limit, "character")), found \(length)",
                at: node.span, keyword: "maxLength")
            return false

        case .minLength(let limit):
            guard case .string(let s) = node.value else { return true }
            // A scalar takes at most four bytes.
            if limit <= Int.max / 4, s.utf8.count >= limit * 4 { return true }
            let length = s.unicodeScalars.count
            if length >= limit { return true }
            fail(
                .schemaMinLength, "expected at least \(Messages.count(limit, "character")), found \(length)",
                at: node.span, keyword: "minLength")
            return false

        case .pattern(let regex):
            guard case .string(let s) = node.value else { return true }
            switch regex.verdict(s) {
            case .match: return true
            case .noMatch: break
            case .undecided:
                fail(
                    .schemaPatternLimit, "the regular-expression engine could not decide whether this value matches \(Messages.quote(regex.source))",
                    at: node.span, hint: "the engine's backtracking limit was hit; shorten the value or simplify the pattern", keyword: "pattern")
                return false
            }
            fail(
                .schemaPattern, "\(Messages.quote(s)) does not match the pattern \(Messages.quote(regex.source))",
                at: node.span, keyword: "pattern")
            return false

        case .format(let format):
            guard case .string(let s) = node.value, !FormatChecker.isValid(s, format: format) else { return true }
            fail(
                .schemaFormat, "\(Messages.quote(s)) is not a valid \(FormatChecker.describe(format))",
                at: node.span, hint: FormatChecker.hint(format), keyword: "format")
            return false

        case .maxItems(let limit):
            guard case .array(let items) = node.value, items.count > limit else { return true }
            fail(
                .schemaMaxItems, "expected at most \(Messages.count(limit, "item")), found \(items.count)",
                at: node.span, keyword: "maxItems")
            return false

        case .minItems(let limit):
            guard case .array(let items) = node.value, items.count < limit else { return true }
            fail(
                .schemaMinItems, "expected at least \(Messages.count(limit, "item")), found \(items.count)",
                at: node.span, keyword: "minItems")
            return false

        case .uniqueItems:
            guard case .array(let items) = node.value, items.count > 1, let (i, j) = JSONEquality.firstDuplicate(items) else { return true }
            instancePath.append(.index(i))
            fail(
                .schemaUniqueItems, "item \(i) is a duplicate of item \(j); items must be unique",
                at: items[i].span, keyword: "uniqueItems")
            instancePath.removeLast()
            return false

        case .contains(let schema, let minimum, let maximum):
            guard case .array(let items) = node.value else { return true }
            var matches = 0
            for (i, item) in items.enumerated() {
                let ok = quietly { atChild(schema, item, .index(i), "contains") }
                if ok {
                    matches += 1
                    local?.items.insert(i)
                }
            }
            if matches < minimum {
                if minimum == 1 {
                    fail(.schemaContains, "no item matches the 'contains' schema", at: node.span, keyword: "contains")
                } else {
                    fail(
                        .schemaMinContains,
                        "expected at least \(Messages.count(minimum, "item")) matching the 'contains' schema, found \(matches)",
                        at: node.span, keyword: "minContains")
                }
                return false
            }
            if let maximum, matches > maximum {
                fail(
                    .schemaMaxContains,
                    "expected at most \(Messages.count(maximum, "item")) matching the 'contains' schema, found \(matches)",
                    at: node.span, keyword: "maxContains")
                return false
            }
            return true

        case .maxProperties(let limit):
            guard case .object(let members) = node.value, members.count > limit else { return true }
            fail(
                .schemaMaxProperties, "expected at most \(Messages.count(limit, "property")), found \(members.count)",
                at: node.span, keyword: "maxProperties")
            return false

        case .minProperties(let limit):
            guard case .object(let members) = node.value, members.count < limit else { return true }
            fail(
                .schemaMinProperties, "expected at least \(Messages.count(limit, "property")), found \(members.count)",
                at: node.span, keyword: "minProperties")
            return false

        case .required(let names):
            guard case .object(let members) = node.value else { return true }
            var valid = true
            for name in names where !hasMember(members, name) {
                valid = false
                guard collect else { return false }
                fail(.schemaRequired, "missing required property \(Messages.quote(name))", at: node.span, keyword: "required")
            }
            return valid

        case .dependentRequired(let pairs):
            guard case .object(let members) = node.value else { return true }
            var valid = true
            for (trigger, names) in pairs where hasMember(members, trigger) {
                for name in names where !hasMember(members, name) {
                    valid = false
                    guard collect else { return false }
                    fail(
                        .schemaDependentRequired,
                        "missing property \(Messages.quote(name)), required when \(Messages.quote(trigger)) is present",
                        at: node.span, keyword: "dependentRequired/" + escapePointerToken(trigger))
                }
            }
            return valid

        case .allOf(let list):
            var valid = true
            for (i, schema) in list.enumerated() where !inPlace(schema, node, &local, "allOf", String(i)) {
                valid = false
                if !collect { return false }
            }
            return valid

        case .anyOf(let list):
            return alternatives(list, node, &local, keyword: "anyOf", exactlyOne: false)

        case .oneOf(let list):
            return alternatives(list, node, &local, keyword: "oneOf", exactlyOne: true)

        case .not(let schema):
            var none: Annotations?
            let matched = quietly { inPlace(schema, node, &none, "not") }
            if !matched { return true }
            fail(.schemaNot, "value must not match the schema in 'not'", at: node.span, keyword: "not")
            return false

        case .conditional(let condition, let then, let otherwise):
            var conditionAnnotations: Annotations? = local == nil ? nil : Annotations()
            let holds = quietly { inPlace(condition, node, &conditionAnnotations, "if") }
            if holds {
                if let conditionAnnotations { local?.merge(conditionAnnotations) }
                if let then { return inPlace(then, node, &local, "then") }
            } else if let otherwise {
                return inPlace(otherwise, node, &local, "else")
            }
            return true

        case .dependentSchemas(let pairs):
            guard case .object(let members) = node.value else { return true }
            var valid = true
            for (trigger, schema) in pairs where hasMember(members, trigger) {
                if !inPlace(schema, node, &local, "dependentSchemas", escapePointerToken(trigger)) {
                    valid = false
                    if !collect { return false }
                }
            }
            return valid

        case .prefixItems(let list):
            guard case .array(let items) = node.value else { return true }
            var valid = true
            for i in 0..<min(items.count, list.count)
            where !atChild(list[i], items[i], .index(i), "prefixItems", String(i)) {
                valid = false
                if !collect { return false }
            }
            if local != nil { local!.itemPrefix = max(local!.itemPrefix, min(items.count, list.count)) }
            return valid

        case .items(let schema, let prefix):
            guard case .array(let items) = node.value, items.count > prefix else { return true }
            if local != nil { local!.allItems = true }
            if schemas[schema].constant == false {
                for i in prefix..<items.count {
                    instancePath.append(.index(i))
                    fail(.schemaAdditionalItem, Messages.extraItem(i, allowed: prefix), at: items[i].span, keyword: "items")
                    instancePath.removeLast()
                }
                return false
            }
            var valid = true
            for i in prefix..<items.count where !atChild(schema, items[i], .index(i), "items") {
                valid = false
                if !collect { return false }
            }
            return valid

        case .object(let applicator):
            return applyObject(applicator, node, &local)

        case .propertyNames(let schema):
            guard case .object(let members) = node.value else { return true }
            var valid = true
            for member in members {
                let name = Node(.string(member.key), span: member.keySpan)
                let start = failures.count
                var none: Annotations?
                schemaPath.append("propertyNames")
                instancePath.append(.key(member.key))
                let ok = evaluate(schema, name, &none)
                if !ok {
                    valid = false
                    if collect {
                        let inner = failures.count > start ? failures[start].summary : "it does not match the schema"
                        failures.removeSubrange(start...)
                        schemaPath.removeLast()
                        fail(
                            .schemaPropertyNames, "property name \(Messages.quote(member.key)) is not valid: \(inner)",
                            at: member.keySpan, keyword: "propertyNames")
                        schemaPath.append("propertyNames")
                    }
                }
                instancePath.removeLast()
                schemaPath.removeLast()
                if !valid && !collect { return false }
            }
            return valid

        case .unevaluatedItems(let schema):
            guard case .array(let items) = node.value else { return true }
            let seen = local ?? Annotations()
            var valid = true
            for i in items.indices where !seen.evaluated(item: i) {
                if schemas[schema].constant == false {
                    instancePath.append(.index(i))
                    fail(
                        .schemaUnevaluatedItem, "item \(i) is not allowed here", at: items[i].span,
                        keyword: "unevaluatedItems")
                    instancePath.removeLast()
                    valid = false
                } else if !atChild(schema, items[i], .index(i), "unevaluatedItems") {
                    valid = false
                }
                if !valid && !collect { return false }
            }
            if local != nil { local!.allItems = true }
            return valid

        case .unevaluatedProperties(let schema):
            guard case .object(let members) = node.value else { return true }
            let seen = local ?? Annotations()
            var valid = true
            for (index, member) in members.enumerated() where !seen.evaluated(property: index) {
                if schemas[schema].constant == false {
                    valid = false
                    if collect {
                        instancePath.append(.key(member.key))
                        let known = knownProperties(from: current)
                        fail(
                            .schemaAdditionalProperty, Messages.extraProperty(member.key, known: known),
                            at: member.keySpan, keyword: "unevaluatedProperties")
                        instancePath.removeLast()
                    }
                } else if !atChild(schema, member.value, .key(member.key), "unevaluatedProperties") {
                    valid = false
                }
                if !valid && !collect { return false }
            }
            if local != nil { local!.allProperties = true }
            return valid
        }
    }

    /// Whether an object has `name`; lengths are compared first, which settles most keys cheaply.
    @inline(__always)
    private func hasMember(_ members: [Member], _ name: String) -> Bool {
        let length = name.utf8.count
        for member in members where member.key.utf8.count == length && member.key == name { return true }
        return false
    }

    private func applyObject(_ applicator: ObjectApplicator, _ node: Node, _ local: inout Annotations?) -> Bool {
        guard case .object(let members) = node.value else { return true }
        // Members are read where they are stored: binding each to a local would retain and release its key
        // and value for every property of every object validated.
        return members.withUnsafeBufferPointer { members in
            applyObject(applicator, members, &local)
        }
    }

    private func applyObject(
        _ applicator: ObjectApplicator, _ members: UnsafeBufferPointer<Member>, _ local: inout Annotations?
    ) -> Bool {
        var valid = true
        for index in members.indices {
            let member = members.baseAddress! + index
            var matched = false
            if let schema = applicator.schema(for: member.pointee.key) {
                matched = true
                if !atChild(schema, member.pointee.value, .key(member.pointee.key), "properties", escapePointerToken(member.pointee.key)) {
                    valid = false
                    if !collect { return false }
                }
            }
            for (pattern, schema) in applicator.patterns {
                guard let applies = patternApplies(pattern, member.pointee) else {
                    // Undecided: the object fails, and the name counts as matched (no `additionalProperties`
                    // verdict on top of the unknown one).
                    matched = true
                    valid = false
                    if !collect { return false }
                    continue
                }
                guard applies else { continue }
                matched = true
                if !atChild(schema, member.pointee.value, .key(member.pointee.key), "patternProperties", escapePointerToken(pattern.source)) {
                    valid = false
                    if !collect { return false }
                }
            }
            if matched {
                local?.properties.insert(index)
                continue
            }
            guard let additional = applicator.additional else { continue }
            local?.properties.insert(index)
            if schemas[additional].constant == false {
                valid = false
                guard collect else { return false }
                instancePath.append(.key(member.pointee.key))
                fail(
                    .schemaAdditionalProperty, Messages.extraProperty(member.pointee.key, known: applicator.propertyOrder),
                    at: member.pointee.keySpan, keyword: "additionalProperties")
                instancePath.removeLast()
            } else if !atChild(additional, member.pointee.value, .key(member.pointee.key), "additionalProperties") {
                valid = false
                if !collect { return false }
            }
        }
        return valid
    }

    /// Whether a `patternProperties` pattern matches a key; nil, with a failure of its own, when the engine
    /// cannot decide.
    private func patternApplies(_ pattern: ECMARegex, _ member: Member) -> Bool? {
        switch pattern.verdict(member.key) {
        case .match: return true
        case .noMatch: return false
        case .undecided:
            instancePath.append(.key(member.key))
            fail(
                .schemaPatternLimit, "the regular-expression engine could not decide whether the property name matches \(Messages.quote(pattern.source))",
                at: member.keySpan, hint: "the engine's backtracking limit was hit; shorten the name or simplify the pattern", keyword: "patternProperties")
            instancePath.removeLast()
            return nil
        }
    }

    // MARK: - anyOf / oneOf

    private func alternatives(
        _ list: [Int], _ node: Node, _ local: inout Annotations?, keyword: String, exactlyOne: Bool
    ) -> Bool {
        let kind: DiagnosticKind = exactlyOne ? .schemaOneOf : .schemaAnyOf
        if !collect {
            var matches = 0
            for (i, schema) in list.enumerated() {
                var branch: Annotations? = local == nil ? nil : Annotations()
                if inPlace(schema, node, &branch, keyword, String(i)) {
                    matches += 1
                    if let branch { local?.merge(branch) }
                    if !exactlyOne && local == nil { return true }
                    if exactlyOne && matches > 1 { return false }
                }
            }
            return exactlyOne ? matches == 1 : matches > 0
        }
        let start = failures.count
        var branchFailures: [[Failure]] = []
        var matching: [Int] = []
        alternativeDepth += 1
        defer { alternativeDepth -= 1 }
        for (i, schema) in list.enumerated() {
            let before = failures.count
            var branch: Annotations? = local == nil ? nil : Annotations()
            if inPlace(schema, node, &branch, keyword, String(i)) {
                matching.append(i)
                if let branch, !(exactlyOne && matching.count > 1) { local?.merge(branch) }
            }
            branchFailures.append(Array(failures[before...]))
        }
        failures.removeSubrange(start...)
        if exactlyOne && matching.count > 1 {
            let which = matching.map(String.init).joined(separator: " and ")
            fail(
                kind, "value matches more than one alternative in 'oneOf' (\(which)) but must match exactly one",
                at: node.span, keyword: keyword)
            return false
        }
        if !matching.isEmpty { return true }

        if let best = closestBranch(branchFailures) {
            failures.append(contentsOf: branchFailures[best])
            return false
        }
        if let types = onlyTypeMismatches(branchFailures) {
            fail(kind, Messages.typeMismatch(expected: types, found: node), at: node.span, keyword: keyword)
            return false
        }
        let summaries = branchFailures.enumerated().compactMap { i, failures -> String? in
            guard let first = failures.first else { return nil }
            return "alternative \(i): \(first.summary)" + (failures.count > 1 ? " (and \(failures.count - 1) more)" : "")
        }
        let hint = summaries.isEmpty ? nil : summaries.joined(separator: "; ")
        fail(
            kind, "value does not match any of the \(list.count) alternatives in '\(keyword)'", at: node.span,
            hint: hint, keyword: keyword)
        return false
    }

    /// The branch that clearly matches best, or nil when none does. Branches are ranked by how early
    /// they failed: a wrong type at the value itself is worst, then a wrong `const`/`enum` value, then
    /// a wrong discriminator (`const`/`enum`) in a direct member; ties go to the branch that failed
    /// deepest with fewest errors, but only when it is clearly ahead.
    private func closestBranch(_ branches: [[Failure]]) -> Int? {
        let here = instancePath.count
        func rank(_ failures: [Failure]) -> (Int, Int, Int) {
            let tier: Int
            if failures.contains(where: { $0.depth == here && ($0.kind == .schemaType || $0.kind == .schemaFalse) }) {
                tier = 0
            } else if failures.contains(where: { $0.depth == here && ($0.kind == .schemaConst || $0.kind == .schemaEnum) }) {
                tier = 1
            } else if failures.contains(where: {
                $0.depth == here + 1 && ($0.kind == .schemaConst || $0.kind == .schemaEnum)
            }) {
                tier = 2
            } else {
                tier = 3
            }
            return (tier, failures.map(\.depth).max() ?? 0, -failures.count)
        }
        let ranks = branches.map(rank)
        guard let best = ranks.indices.max(by: { ranks[$0] < ranks[$1] }), ranks[best].0 > 0 else { return nil }
        let sameTier = ranks.indices.filter { ranks[$0].0 == ranks[best].0 && $0 != best }
        if sameTier.isEmpty { return best }
        let clearlyAhead = sameTier.allSatisfy { ranks[$0].1 < ranks[best].1 || ranks[$0].2 < ranks[best].2 - 1 }
        return clearlyAhead ? best : nil
    }

    /// When every branch fails only because of the value's type, the union of the expected types.
    private func onlyTypeMismatches(_ branches: [[Failure]]) -> [String]? {
        var types: [String] = []
        for failures in branches {
            guard failures.count == 1, failures[0].kind == .schemaType, failures[0].depth == instancePath.count,
                let names = failures[0].expectedTypes
            else { return nil }
            for name in names where !types.contains(name) { types.append(name) }
        }
        return types.isEmpty ? nil : types
    }

    // MARK: - Suggestions

    /// Property names declared for this object by the schemas evaluated in place here; used to
    /// suggest a spelling for an unexpected property.
    private func knownProperties(from root: Int) -> [String] {
        var seen = Set<Int>()
        var names: [String] = []
        func walk(_ index: Int, _ budget: Int) {
            guard budget > 0, seen.insert(index).inserted else { return }
            for keyword in schemas[index].keywords {
                switch keyword {
                case .object(let applicator):
                    for name in applicator.propertyOrder where !names.contains(name) { names.append(name) }
                case .ref(let target):
                    walk(target, budget - 1)
                case .dynamicRef(let target, let candidates):
                    walk(target, budget - 1)
                    for candidate in candidates { walk(candidate.schema, budget - 1) }
                case .allOf(let list), .anyOf(let list), .oneOf(let list):
                    for schema in list { walk(schema, budget - 1) }
                case .conditional(let condition, let then, let otherwise):
                    walk(condition, budget - 1)
                    if let then { walk(then, budget - 1) }
                    if let otherwise { walk(otherwise, budget - 1) }
                case .dependentSchemas(let pairs):
                    for (_, schema) in pairs { walk(schema, budget - 1) }
                default:
                    break
                }
            }
        }
        walk(root, 16)
        return names
    }
}
