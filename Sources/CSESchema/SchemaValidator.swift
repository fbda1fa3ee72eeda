public import CSEDiagnostics
public import CSEYAML

/// A compiled JSON Schema (draft 2020-12), ready to validate any number of instances.
///
/// Compilation happens once, in ``SchemaRegistry/validator(for:options:)``; a validator is immutable
/// and `Sendable`, so one instance can serve many concurrent tasks. Each call allocates only its own
/// small evaluation state.
public final class SchemaValidator: Sendable {
    let program: SchemaProgram
    public let options: SchemaOptions

    init(program: SchemaProgram, options: SchemaOptions) {
        self.program = program
        self.options = options
    }

    /// True when `instance` is valid. Stops at the first failure and builds no messages.
    ///
    /// A limit hit (depth, work budget) counts as not valid; ``validate(_:file:)`` then says which.
    public func isValid(_ instance: Node) -> Bool {
        quickCheck(instance, shape: Self.shape(instance)).valid
    }

    /// The boolean pass: stops at the first failure and records nothing; with the limit it hit, if any.
    private func quickCheck(_ instance: Node, shape: (nodes: Int, depth: Int)) -> (valid: Bool, stopped: (SchemaEvaluator.Limit, SourceSpan)?) {
        Self.onEnoughStack(depth: shape.depth) {
            let evaluator = SchemaEvaluator(program: program, collect: false, budget: SchemaEvaluator.budget(nodes: shape.nodes))
            var annotations: Annotations?
            let valid = evaluator.evaluate(program.root, instance, &annotations)
            return (valid && evaluator.stopped == nil, evaluator.stopped.map { ($0.limit, $0.span) })
        }
    }

    /// The number of nodes in a tree and its depth, found with an explicit stack.
    static func shape(_ root: Node) -> (nodes: Int, depth: Int) {
        var count = 0, deepest = 0
        var stack: [(Node, Int)] = [(root, 1)]
        while let (node, depth) = stack.popLast() {
            count += 1
            deepest = max(deepest, depth)
            switch node.value {
            case .array(let items): for item in items { stack.append((item, depth + 1)) }
            case .object(let members): for m in members { stack.append((m.value, depth + 1)) }
            default: break
            }
        }
        return (count, deepest)
    }

    /// Instances up to this depth are evaluated on the calling thread; deeper ones on a large stack.
    static let callingThreadDepth = 48

    /// Runs an evaluation on a stack that holds the evaluator's bound for an instance of this depth.
    static func onEnoughStack<T>(depth: Int, _ body: () -> T) -> T {
        depth <= callingThreadDepth ? body() : LargeStack.run(body)
    }

    /// Every problem in `instance`, as diagnostics whose ranges are in `file`, in source order.
    ///
    /// IDs are `schema.<keyword>` in kebab case (`schema.required`, `schema.additional-property`,
    /// `schema.type`, ...). Each diagnostic carries the instance's JSON Pointer and the keyword path
    /// through the schema (through `$ref`s, as evaluated).
    ///
    /// The verdict is the boolean pass's (``isValid(_:)``): the pass that builds messages goes on after a
    /// failure to find them all, and could meet a limit in a branch the verdict never needed (a `$ref`
    /// cycle under an alternative that already failed). So a valid instance gets no diagnostics, and an
    /// invalid one gets the failures, or the limit the message pass met.
    public func validate(_ instance: Node, file: String) -> [Diagnostic] {
        let shape = Self.shape(instance)
        let budget = SchemaEvaluator.budget(nodes: shape.nodes)
        let quick = quickCheck(instance, shape: shape)
        if quick.valid { return [] }
        if let (limit, span) = quick.stopped { return [Self.limitDiagnostic(limit, span: span, budget: budget, file: file)] }
        let evaluator = SchemaEvaluator(program: program, collect: true, budget: budget)
        Self.onEnoughStack(depth: shape.depth) {
            var annotations: Annotations?
            _ = evaluator.evaluate(program.root, instance, &annotations)
        }
        if let (limit, span) = evaluator.stopped {
            // The verdict is unknown: report the limit alone, not failures that stopping made up.
            return [Self.limitDiagnostic(limit, span: span, budget: budget, file: file)]
        }
        var seen = Set<Diagnostic>()
        var diagnostics: [Diagnostic] = []
        for failure in evaluator.failures {
            let diagnostic = Diagnostic(
                failure.kind,
                range: SourceRange(file: file, span: failure.span),
                summary: failure.summary,
                hint: failure.hint,
                instancePointer: failure.instancePointer,
                schemaPath: failure.schemaPath
            )
            if seen.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
        }
        for (kind, entry) in evaluator.omitted {
            // Closes the list of this ID; DiagnosticLimiter merges it with any it trims.
            var closing = Diagnostic(
                kind, range: SourceRange(file: file, span: entry.span),
                summary: "and \(entry.count) more \(kind.id) errors in this file")
            closing.omittedCount = entry.count
            diagnostics.append(closing)
        }
        return DiagnosticLimiter.limit(diagnostics.sorted(by: Diagnostic.printOrder))
    }

    static func limitDiagnostic(_ limit: SchemaEvaluator.Limit, span: SourceSpan, budget: Int, file: String) -> Diagnostic {
        let range = SourceRange(file: file, span: span)
        switch limit {
        case .budget:
            return Diagnostic(
                .schemaBudget, range: range,
                summary: "checking the document against its schema needs more than \(budget) schema applications; stopped here",
                hint: "the schema's alternatives ('anyOf', 'oneOf') or references multiply the work at each level of the document; "
                    + "simplify the schema or flatten the document")
        case .depth:
            return Diagnostic(
                .schemaDepth, range: range,
                summary: "the schema applies more than \(SchemaEvaluator.maximumDepth) schemas one inside another at this value; stopped here",
                hint: "flatten the document or the schema's references")
        case .inPlaceDepth:
            return Diagnostic(
                .schemaDepth, range: range,
                summary: "the schema refers to itself more than \(SchemaEvaluator.maximumInPlaceDepth) times at this value without descending into it",
                hint: "a '$ref' cycle that never reaches a child value cannot decide anything; break the cycle")
        }
    }
}
