import CSEDiagnostics

/// `api.invalid-finding-template`: a signal whose ID the CSE finding format rejects gets no finding template
/// in the static API (the API emitter leaves it out); the warning points at the ID. Only when the API is
/// among the outputs.
struct FindingFormatRule {
    var signals: [Signal]
    var producesAPI: Bool

    func run() -> [Diagnostic] {
        guard producesAPI else { return [] }
        return signals.filter { !FindingFormat.accepts(signalID: $0.id) }.map { s in
            Diagnostic(
                .apiInvalidFindingTemplate, range: s.range(of: "id"),
                summary: "no finding template for signal '\(s.id)': the CSE finding format rejects the ID",
                hint: "a finding's signal ID must match ^CSE-[A-Z0-9]+-[A-Z]+-[A-Z0-9-]+-[0-9]{3}$ and be at most "
                    + "\(FindingFormat.maximumSignalIDLength) characters; the signal is published, its template is not")
        }
    }
}
