"""Validates every platform file the golden fixtures expect against Fixtures/schemas with
PyPI's jsonschema: a second validator next to the Swift one in PresetSchemaTests."""
import glob
import json
import os
import sys

import jsonschema

here = os.path.dirname(os.path.abspath(__file__))
build = os.path.join(here, "..", "build")
pairs = [
    ("wrangler-triggers.schema.json", "*/expected/files/**/server/wrangler.json"),
    ("wrangler-deploy-config.schema.json", "*/expected/files/.wrangler/deploy/config.json"),
    ("vercel-config.schema.json", "*/expected/files/.vercel/output/config.json"),
]
checked = 0
for schema_name, pattern in pairs:
    with open(os.path.join(here, schema_name)) as handle:
        schema = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted(glob.glob(os.path.join(build, pattern), recursive=True, include_hidden=True)):
        with open(path) as handle:
            document = json.load(handle)
        errors = sorted(validator.iter_errors(document), key=str)
        if errors:
            print(f"{os.path.relpath(path, build)}: {errors[0].message}", file=sys.stderr)
            sys.exit(1)
        checked += 1
if checked < 10:
    print(f"only {checked} files checked; expected the preset fixtures", file=sys.stderr)
    sys.exit(1)
print(f"schemas: {checked} generated platform files valid")
