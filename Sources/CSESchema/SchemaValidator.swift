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
    public func isValid(_ instance: Node) -> Bool {
        let evaluator = SchemaEvaluator(program: program, collect: false)
        var annotations: Annotations?
        return evaluator.evaluate(program.root, instance, &annotations)
    }

    /// Every problem in `instance`, as diagnostics whose ranges are in `file`, in source order.
    ///
    /// IDs are `schema.<keyword>` in kebab case (`schema.required`, `schema.additional-property`,
    /// `schema.type`, ...). Each diagnostic carries the instance's JSON Pointer and the keyword path
    /// through the schema (through `$ref`s, as evaluated).
    public func validate(_ instance: Node, file: String) -> [Diagnostic] {
        let evaluator = SchemaEvaluator(program: program, collect: true)
        var annotations: Annotations?
        _ = evaluator.evaluate(program.root, instance, &annotations)
        var seen = Set<Diagnostic>()
        var diagnostics: [Diagnostic] = []
        for failure in evaluator.failures {
            let diagnostic = Diagnostic(
                id: DiagnosticID(failure.id),
                severity: .error,
                range: SourceRange(file: file, span: failure.span),
                summary: failure.summary,
                hint: failure.hint,
                instancePointer: failure.instancePointer,
                schemaPath: failure.schemaPath
            )
            if seen.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
        }
        return diagnostics.sorted(by: Diagnostic.printOrder)
    }
}
