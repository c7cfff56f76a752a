#!/usr/bin/env python3
"""Self-check of contracts/: every file loads, every $ref resolves, the
manifest points at existing files, no forbidden keywords. If the optional
`jsonschema` package is installed, a few sample documents are validated too.

Usage: python3 contracts/tools/check_contracts.py
Exit status 0 when everything is fine. Python 3 standard library only
(jsonschema is used only when present).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CONTRACTS = os.path.dirname(HERE)
SCHEMAS = os.path.join(CONTRACTS, "schemas")
DRAFT7 = "http://json-schema.org/draft-07/schema#"
# Keywords that must never appear at schema level.
FORBIDDEN = {"$id", "id", "description", "title", "example", "examples",
             "readOnly", "discriminator", "deprecated", "nullable"}

errors = []


def err(msg):
    errors.append(msg)


def load_all():
    docs = {}
    for root, _, files in os.walk(SCHEMAS):
        for fn in sorted(files):
            full = os.path.join(root, fn)
            rel = os.path.relpath(full, SCHEMAS).replace(os.sep, "/")
            try:
                with open(full, encoding="utf-8") as f:
                    docs[rel] = json.load(f)
            except ValueError as e:
                err("%s: invalid JSON: %s" % (rel, e))
    return docs


def pointer(doc, ptr):
    if ptr in ("", "/"):
        return doc
    cur = doc
    for part in ptr.lstrip("/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(cur, list):
            cur = cur[int(part)]
        elif isinstance(cur, dict) and part in cur:
            cur = cur[part]
        else:
            raise KeyError(ptr)
    return cur


def resolve(docs, cur_file, ref):
    file_part, _, ptr = ref.partition("#")
    target = file_part or cur_file
    if target not in docs:
        raise KeyError("file %s" % target)
    return pointer(docs[target], ptr)


def walk_schema(docs, fname, s, where):
    """Walk schema keywords (property *names* are not keywords)."""
    if isinstance(s, bool):
        return
    if not isinstance(s, dict):
        err("%s%s: schema is not an object" % (fname, where))
        return
    for k, v in s.items():
        if k in FORBIDDEN or k.startswith("x-"):
            err("%s%s: forbidden keyword %r" % (fname, where, k))
        if k == "additionalProperties" and v is False:
            err("%s%s: additionalProperties false" % (fname, where))
    if "$ref" in s:
        try:
            resolve(docs, fname, s["$ref"])
        except (KeyError, ValueError, IndexError) as e:
            err("%s%s: unresolved $ref %r (%s)" % (fname, where, s["$ref"], e))
    for k in ("properties", "definitions"):
        for name, sub in s.get(k, {}).items():
            walk_schema(docs, fname, sub, "%s/%s/%s" % (where, k, name))
    for k in ("items", "additionalProperties", "not"):
        if isinstance(s.get(k), dict):
            walk_schema(docs, fname, s[k], "%s/%s" % (where, k))
    for k in ("allOf", "anyOf", "oneOf"):
        for i, sub in enumerate(s.get(k, [])):
            walk_schema(docs, fname, sub, "%s/%s/%d" % (where, k, i))


def check_manifest(docs):
    with open(os.path.join(CONTRACTS, "manifest.json"), encoding="utf-8") as f:
        m = json.load(f)
    used = set()
    for op in m["operations"]:
        refs = [op["params"], op["body"]] + list(op["responses"].values())
        for r in refs:
            if r is None:
                continue
            used.add(r)
            if r not in docs:
                err("manifest %s: missing file %s" % (op["id"], r))
        if str(op["success"]) not in op["responses"]:
            err("manifest %s: success status not in responses" % op["id"])
        if op["body"] is None and op["body_required"]:
            err("manifest %s: body_required without body" % op["id"])
    return m, used


def check_overrides(docs):
    with open(os.path.join(CONTRACTS, "overrides", "live.json"),
              encoding="utf-8") as f:
        ov = json.load(f)
    for d in ov["deviations"]:
        try:
            got = resolve(docs, None, d["where"])
        except KeyError as e:
            err("override %s: where does not resolve (%s)" % (d["id"], e))
            continue
        if d["effect"] == "generator_replace" and got != d["live"]:
            err("override %s: not applied" % d["id"])


def samples(docs):
    try:
        import jsonschema
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT7 as SPEC7
    except ImportError:
        print("jsonschema/referencing not installed: sample validation skipped")
        return

    def retrieve(uri):
        # Our $ref convention is root-relative, not RFC 3986 relative; map
        # whatever the library built back onto the schemas/ root.
        for marker in ("operations/", "components/"):
            i = uri.rfind(marker)
            if i >= 0:
                return Resource.from_contents(docs[uri[i:]],
                                              default_specification=SPEC7)
        raise KeyError(uri)

    registry = Registry(retrieve=retrieve)

    def ok(schema_file, inst):
        v = jsonschema.Draft7Validator(docs[schema_file], registry=registry,
                                       format_checker=None)
        return [e.message for e in v.iter_errors(inst)]

    pin = {"id": "813744226420795884", "created_at": "2022-10-13T01:40:29",
           "title": "t", "description": None, "board_id": "549755885175",
           "board_owner": {"username": "u"}, "creative_type": "REGULAR",
           "media": {"media_type": "image", "images": {
               "150x150": {"width": 150, "height": 150, "url": "https://x"}}},
           "pin_metrics": None, "is_owner": True}
    cases = [
        ("components/pin.json", pin, True),
        ("components/pin.json", dict(pin, media={"media_type": "gif"}), False),
        ("components/pin.json", dict(pin, creative_type=None), True),
        ("operations/pins.list.200.json", {"items": [pin], "bookmark": None},
         True),
        ("operations/pins.list.200.json", {"bookmark": "x"}, False),
        ("components/pin_create.json", {"board_id": "1", "media_source": {
            "source_type": "image_url", "url": "https://x"}}, True),
        ("components/pin_create.json", {"board_id": "1"}, False),
        ("components/pin_create.json", {"board_id": "1", "media_source": {
            "source_type": "nope"}}, False),
        ("components/error.json", {"code": 3, "message": "m"}, True),
        ("operations/pins.analytics.params.json", {
            "pin_id": "1", "start_date": "2024-01-01",
            "end_date": "2024-01-31",
            "metric_types": ["IMPRESSION", "VIDEO_START"]}, True),
        ("operations/pins.list.params.json", {"page_size": 251}, False),
        ("operations/pins.get.params.json", {"pin_id": "abc"}, False),
        ("components/bulk_pin_analytics.json", {"1": {"2024-01-01": {
            "lifetime_metrics": {"IMPRESSION": 3}}}}, True),
    ]
    for f, inst, expect in cases:
        msgs = ok(f, inst)
        if (not msgs) != expect:
            err("sample for %s: expected %s, got %s" %
                (f, "valid" if expect else "invalid", msgs or "valid"))
    print("validated %d sample documents with jsonschema" % len(cases))


def main():
    docs = load_all()
    for fname, doc in sorted(docs.items()):
        if not isinstance(doc, dict) or next(iter(doc), None) != "$schema" \
                or doc["$schema"] != DRAFT7:
            err("%s: $schema (draft-07) must be the first key" % fname)
            continue
        walk_schema(docs, fname, {k: v for k, v in doc.items()
                                  if k != "$schema"}, "#")
    _, used = check_manifest(docs)
    check_overrides(docs)
    internal = {r for d in docs.values() for r in refs_of(d)}
    for f in docs:
        if f not in used and f not in internal:
            err("%s: not referenced by the manifest or any schema" % f)
    samples(docs)
    if errors:
        for e in errors:
            print("ERROR:", e)
        return 1
    print("OK: %d schema files checked" % len(docs))
    return 0


def refs_of(x):
    if isinstance(x, dict):
        if isinstance(x.get("$ref"), str) and not x["$ref"].startswith("#"):
            yield x["$ref"].partition("#")[0]
        for v in x.values():
            yield from refs_of(v)
    elif isinstance(x, list):
        for v in x:
            yield from refs_of(v)


if __name__ == "__main__":
    sys.exit(main())
