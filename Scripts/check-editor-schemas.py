#!/usr/bin/env python3
"""Runs both versions of every input schema over the same documents and lists where they disagree.

`cse schema export --draft 7` writes the draft-07 schemas editors use; `cse validate` checks the 2020-12
originals. This check validates every input file of the repository (cse.yaml, signals, mappings, framework
catalogs, crosswalks, artifact types, tools) and every file of the diagnostic catalogue's examples, wrong and
fixed (`cse explain --write-examples`), against both versions with python-jsonschema (Draft7Validator and
Draft202012Validator, an implementation independent of cse's), and prints each document on which one
accepts and the other refuses. Documents that do not parse (the YAML syntax examples) are counted and
skipped. Exits 1 on any disagreement.
Usage: python3 Scripts/check-editor-schemas.py --cse .build/debug/cse [--root .]
"""
import argparse, fnmatch, json, os, subprocess, sys, tempfile

import yaml
from jsonschema import Draft7Validator, Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

# Each input schema and the files it applies to (EditorSchemas.inputs in the tool).
INPUTS = {
    "config.schema.json": ["cse.yaml"],
    "signal.schema.json": ["signals/*/*/*/signal.yaml", "signals/*/*/*/signal.json"],
    "signal-mappings.schema.json": ["signals/*/*/*/mappings.yaml", "signals/*/*/*/mappings.json"],
    "framework.schema.json": ["frameworks/*/framework.yaml"],
    "controls.schema.json": ["frameworks/*/controls.yaml"],
    "crosswalk.schema.json": ["crosswalks/*.yaml"],
    "artifact-type.schema.json": ["artifact-types/*.yaml"],
    "security-tool.schema.json": ["tools/*.yaml"],
}


# Hand-made documents for what the repository's files and the examples may not show. `expected` is "agree",
# or "2020-12 only" for a difference the exported file's $comment and docs/editors.md name.
MAPPING = {"relationship": "subset", "provenance": "expert", "confidence": 0.9, "justification": "One way the control goes unmet."}
SYNTHETIC = [
    ("a mapping naming a signal and a control (unevaluatedProperties)", "signal-mappings.schema.json",
     {"mappings": [dict(MAPPING, signal="CSE-GEN-AUTH-X-001", control="AC-2")]}, "2020-12 only"),
    ("a mapping with an unknown member", "signal-mappings.schema.json",
     {"mappings": [dict(MAPPING, framework="NIST80053", control="AC-2", note="x")]}, "agree"),
    ("a mapping naming both a framework control and a signal", "signal-mappings.schema.json",
     {"mappings": [dict(MAPPING, framework="NIST80053", control="AC-2", signal="CSE-GEN-AUTH-X-001")]}, "agree"),
    ("an expert mapping with an authoritative confidence (if/then)", "signal-mappings.schema.json",
     {"mappings": [dict(MAPPING, framework="NIST80053", control="AC-2", confidence=0.99)]}, "agree"),
    ("an artifact type that is not one (a $ref with a description beside it)", "artifact-type.schema.json",
     {"id": "spaceship", "name": "x", "description": "twenty characters or more", "finding_artifact_type": "other"}, "agree"),
    ("an artifact type whose finding type is not one (a reference into another file)", "artifact-type.schema.json",
     {"id": "iac", "name": "x", "description": "twenty characters or more", "finding_artifact_type": "rocket"}, "agree"),
    ("an empty mappings list", "signal-mappings.schema.json", {"mappings": []}, "agree"),
]


class Loader(yaml.SafeLoader):
    """YAML as cse reads it (1.2 core schema) as far as these files need: timestamps stay strings."""


Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema_for(path):
    """The input schema a root-relative path falls under, or None (fnmatch with `*` kept inside one segment)."""
    parts = path.split("/")
    for schema, globs in INPUTS.items():
        for glob in globs:
            g = glob.split("/")
            if len(g) == len(parts) and all(fnmatch.fnmatchcase(p, q) for p, q in zip(parts, g)):
                return schema
    return None


def documents(root):
    """(label, schema, path) for every input file under root."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in ("_site", "registry", "node_modules"))
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            schema = schema_for(rel)
            if schema:
                yield rel, schema, full


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return json.loads(text) if path.endswith(".json") else yaml.load(text, Loader=Loader)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cse", required=True)
    ap.add_argument("--root", default=".")
    args = ap.parse_args()
    cse = os.path.abspath(args.cse)
    with tempfile.TemporaryDirectory() as tmp:
        for draft in ("7", "2020-12"):
            subprocess.run([cse, "schema", "export", "--draft", draft, "--output", os.path.join(tmp, draft)], check=True, cwd=args.root,
                           stdout=subprocess.DEVNULL)
        subprocess.run([cse, "explain", "--write-examples", os.path.join(tmp, "examples")], check=True, stdout=subprocess.DEVNULL)
        # The 2020-12 originals refer to other bundled schemas by $id: serve every schema of schemas/.
        resources = []
        schema_dir = os.path.join(args.root, "schemas")
        for name in sorted(os.listdir(schema_dir)):
            if name.endswith(".json"):
                with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
                    doc = json.load(f)
                resources.append((doc["$id"], Resource.from_contents(doc, default_specification=DRAFT202012)))
        registry = Registry().with_resources(resources)
        validators = {}
        for schema in INPUTS:
            with open(os.path.join(tmp, "2020-12", schema), encoding="utf-8") as f:
                original = json.load(f)
            with open(os.path.join(tmp, "7", schema), encoding="utf-8") as f:
                draft7 = json.load(f)
            Draft7Validator.check_schema(draft7)
            validators[schema] = (Draft202012Validator(original, registry=registry), Draft7Validator(draft7))

        sets = [("repository", args.root)]
        examples = os.path.join(tmp, "examples")
        for diagnostic in sorted(os.listdir(examples)):
            for side in ("wrong", "right"):
                folder = os.path.join(examples, diagnostic, side)
                if os.path.isdir(folder):
                    sets.append((f"example {diagnostic} ({side})", folder))

        checked = skipped = 0
        invalid = {"both": 0}
        disagreements = []
        for label, root in sets:
            for rel, schema, full in documents(root):
                try:
                    instance = load(full)
                except Exception:  # a syntax example: nothing for a schema to say
                    skipped += 1
                    continue
                checked += 1
                modern, older = validators[schema]
                a = next(iter(sorted(modern.iter_errors(instance), key=lambda e: list(e.path))), None)
                b = next(iter(sorted(older.iter_errors(instance), key=lambda e: list(e.path))), None)
                if (a is None) != (b is None):
                    which = "2020-12 refuses, draft-07 accepts" if a else "draft-07 refuses, 2020-12 accepts"
                    reason = (a or b).message[:160]
                    disagreements.append(f"{label}: {rel} ({schema}): {which}: {reason}")
                elif a is not None:
                    invalid["both"] += 1
        for label, schema, instance, expected in SYNTHETIC:
            checked += 1
            modern, older = validators[schema]
            a, b = modern.is_valid(instance), older.is_valid(instance)
            found = "agree" if a == b else ("2020-12 only" if not a else "draft-07 only")
            if found != expected:
                disagreements.append(f"hand-made: {label} ({schema}): expected {expected}, found {found}")
            elif found != "agree":
                print(f"documented difference: {label}: 2020-12 refuses it, draft-07 accepts it")
        print(f"{checked} documents checked against both versions of {len(INPUTS)} schemas "
              f"({invalid['both']} refused by both, {skipped} unparseable skipped)")
        for d in disagreements:
            print("DISAGREE " + d)
        print(f"{checked - len(disagreements)} passed, {len(disagreements)} failed")
        sys.exit(1 if disagreements else 0)


if __name__ == "__main__":
    main()
