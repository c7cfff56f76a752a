#!/usr/bin/env python3
"""Generate contracts/ from the official Pinterest OpenAPI document.

Usage: python3 contracts/tools/generate_contracts.py [SPEC_JSON]

Default SPEC_JSON: ../shared/spec/pinterest-v5.23.0-pins.json relative to the
repository root. Reads contracts/overrides/live.json. Writes
contracts/manifest.json and contracts/schemas/**. Output is deterministic.
Python 3 standard library only.
"""
import copy
import json
import os
import re
import sys
from urllib.parse import urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
CONTRACTS = os.path.dirname(HERE)
REPO = os.path.dirname(CONTRACTS)
SCHEMAS = os.path.join(CONTRACTS, "schemas")
DEFAULT_SPEC = os.path.normpath(
    os.path.join(REPO, "..", "shared", "spec", "pinterest-v5.23.0-pins.json"))
OVERRIDES = os.path.join(CONTRACTS, "overrides", "live.json")

DRAFT7 = "http://json-schema.org/draft-07/schema#"

# Schema keywords that carry prose or OpenAPI-only meaning: never copied.
DROP_KEYS = {"description", "title", "example", "examples", "readOnly",
             "writeOnly", "discriminator", "deprecated", "nullable",
             "externalDocs", "xml"}

# Where every spec component schema lives: name -> (file, definition or None
# for the file root). Order of entries = order of definitions in each file.
HOME = [
    ("Error", "components/error.json", None),
    ("Pinterest.Lib.Error", "components/error.json", None),
    ("Pin", "components/pin.json", None),
    ("BoardOwner", "components/pin.json", "BoardOwner"),
    ("PinCreate", "components/pin_create.json", None),
    ("PinUpdate", "components/pin_update.json", None),
    ("CarouselSlot", "components/pin_update.json", "CarouselSlot"),
    ("PinMedia", "components/pin_media.json", None),
    ("PinMediaWithImage", "components/pin_media.json", "PinMediaWithImage"),
    ("PinMediaWithVideo", "components/pin_media.json", "PinMediaWithVideo"),
    ("PinMediaWithImages", "components/pin_media.json", "PinMediaWithImages"),
    ("PinMediaWithVideos", "components/pin_media.json", "PinMediaWithVideos"),
    ("PinMediaWithImageAndVideo", "components/pin_media.json",
     "PinMediaWithImageAndVideo"),
    ("PinMediaMetadata", "components/pin_media.json", "PinMediaMetadata"),
    ("ImageMetadata", "components/pin_media.json", "ImageMetadata"),
    ("VideoMetadataWithItemType", "components/pin_media.json",
     "VideoMetadataWithItemType"),
    ("ImageSize", "components/pin_media.json", "ImageSize"),
    ("ImageDetails", "components/pin_media.json", "ImageDetails"),
    ("PinMediaSource", "components/pin_media_source.json", None),
    ("PinMediaSourceImageBase64", "components/pin_media_source.json",
     "PinMediaSourceImageBase64"),
    ("PinMediaSourceImageURL", "components/pin_media_source.json",
     "PinMediaSourceImageURL"),
    ("PinMediaSourceVideoID", "components/pin_media_source.json",
     "PinMediaSourceVideoID"),
    ("PinMediaSourceImagesBase64", "components/pin_media_source.json",
     "PinMediaSourceImagesBase64"),
    ("PinMediaSourceImagesURL", "components/pin_media_source.json",
     "PinMediaSourceImagesURL"),
    ("PinMediaSourcePinURL", "components/pin_media_source.json",
     "PinMediaSourcePinURL"),
    ("PinMediaSourceImagesBase64Item", "components/pin_media_source.json",
     "PinMediaSourceImagesBase64Item"),
    ("PinMediaSourceImagesURLItem", "components/pin_media_source.json",
     "PinMediaSourceImagesURLItem"),
    ("CreativeType", "components/creative_type.json", None),
    ("ContentType", "components/content_type.json", None),
    ("DataStatus", "components/data_status.json", None),
    ("PinAnalyticsResponse", "components/pin_analytics.json", None),
    ("PinAnalyticsMetricsResponse", "components/pin_analytics.json",
     "PinAnalyticsMetricsResponse"),
    ("BulkPinAnalyticsResponse", "components/bulk_pin_analytics.json", None),
]
HOME_MAP = {name: (f, d) for name, f, d in HOME}

# Files whose root is an inline schema from an operation (not a component).
SAVE_BODY_FILE = "components/pin_save.json"

OP_ORDER = ["pins/create", "pins/list", "pins/get", "pins/update",
            "pins/delete", "pins/save", "pins/analytics",
            "multi_pins/analytics"]

# Primary success status when the spec lists more than one 2xx.
PRIMARY_SUCCESS = {"pins/create": 201}

ROLE_NAMES = {"owner": "OWNER", "admin": "ADMIN", "analyst": "ANALYST",
              "campaign manager": "CAMPAIGN_MANAGER"}
# Operations whose description mentions Business Access but lists no roles
# borrow the role lists of this operation.
ROLE_FALLBACK = "pins/get"



class Gen:
    def __init__(self, spec):
        self.spec = spec
        self.schemas = spec["components"]["schemas"]
        self.params = spec["components"].get("parameters", {})

    # ---- $ref handling -------------------------------------------------
    def ref_target(self, ref, cur_file):
        prefix = "#/components/schemas/"
        if not ref.startswith(prefix):
            raise SystemExit("unsupported $ref %r" % ref)
        name = ref[len(prefix):]
        if name not in HOME_MAP:
            raise SystemExit("schema %r has no home file" % name)
        f, d = HOME_MAP[name]
        if f == cur_file:
            return "#/definitions/%s" % d if d else "#"
        return f + ("#/definitions/%s" % d if d else "")

    # ---- schema conversion ---------------------------------------------
    def conv(self, s, cur):
        """Convert one OpenAPI schema object to draft-07 (no prose)."""
        if not isinstance(s, dict):
            return s
        if "$ref" in s:
            out = {"$ref": self.ref_target(s["$ref"], cur)}
            if s.get("nullable"):
                return {"anyOf": [out, {"type": "null"}]}
            return out
        nullable = bool(s.get("nullable"))
        out = {}
        for k, v in s.items():
            if k in DROP_KEYS or k.startswith("x-"):
                continue
            if k == "properties":
                out[k] = {pn: self.conv(ps, cur) for pn, ps in v.items()}
            elif k in ("items", "not"):
                out[k] = self.conv(v, cur)
            elif k == "additionalProperties":
                out[k] = self.conv(v, cur) if isinstance(v, dict) else v
            elif k in ("allOf", "oneOf", "anyOf"):
                out[k] = [self.conv(x, cur) for x in v]
            else:
                out[k] = copy.deepcopy(v)
        # A lone allOf:[X] is just X.
        if list(out.keys()) == ["allOf"] and len(out["allOf"]) == 1:
            out = out["allOf"][0]
            if nullable:
                return {"anyOf": [out, {"type": "null"}]}
            return out
        # discriminator -> explicit enum check of the discriminator property
        disc = s.get("discriminator")
        if disc and "oneOf" in s:
            prop = disc["propertyName"]
            keys = list(disc.get("mapping", {}).keys())
            if not keys:
                raise SystemExit("discriminator without mapping")
            new = {"type": "object", "required": [prop],
                   "properties": {prop: {"type": "string", "enum": keys}}}
            for k, v in out.items():
                if k not in new and k != "oneOf":
                    new[k] = v
            # oneOf would report every branch's failures; if/then picks the one branch the
            # discriminator names, so an error points at the field that is really wrong.
            new["allOf"] = [
                {"if": {"required": [prop], "properties": {prop: {"const": key}}},
                 "then": self.conv({"$ref": target}, cur)}
                for key, target in disc["mapping"].items()]
            out = new
        if nullable:
            if "type" in out:
                t = out["type"]
                t = t if isinstance(t, list) else [t]
                if "null" not in t:
                    t = t + ["null"]
                out["type"] = t
                if "enum" in out and None not in out["enum"]:
                    out["enum"] = out["enum"] + [None]
            else:
                out = {"anyOf": [out, {"type": "null"}]}
        return out

    def build_file(self, path):
        """Root + definitions of one components/ file."""
        names = [(n, d) for n, f, d in HOME if f == path]
        root_name = next(n for n, d in names if d is None)
        doc = {"$schema": DRAFT7}
        doc.update(self.conv(self.schemas[root_name], path))
        defs = {d: self.conv(self.schemas[n], path) for n, d in names if d}
        if defs:
            doc["definitions"] = defs
        return doc

    # ---- parameters -----------------------------------------------------
    def resolve_param(self, p):
        if "$ref" in p:
            return self.params[p["$ref"].split("/")[-1]]
        return p

    def param_schema(self, p, cur):
        s = p["schema"]
        if p["name"] == "metric_types":
            s = copy.deepcopy(s)
            s["items"] = union_enum(s["items"])
        # format: date needs no extra pattern: valijson 1.0 checks it (a real calendar date).
        return self.conv(s, cur)

    def params_doc(self, op, cur):
        props, req = {}, []
        for raw in op.get("parameters", []):
            p = self.resolve_param(raw)
            if p["in"] not in ("path", "query"):
                continue
            props[p["name"]] = self.param_schema(p, cur)
            if p.get("required") or p["in"] == "path":
                req.append(p["name"])
        # "required" is always present (possibly empty) for a uniform shape.
        doc = {"$schema": DRAFT7, "type": "object", "required": req,
               "properties": props}
        return doc


def union_enum(items):
    """oneOf of string enums -> one string enum (spec order, no duplicates)."""
    if "oneOf" not in items:
        return items
    vals = []
    for alt in items["oneOf"]:
        if alt.get("type") != "string" or "enum" not in alt:
            raise SystemExit("metric_types: unexpected oneOf member")
        for v in alt["enum"]:
            if v not in vals:
                vals.append(v)
    return {"type": "string", "enum": vals}


def roles_from_text(text):
    def grab(label):
        m = re.search(r"For Pins on %s:\s*([^\n]*?)\.?\s*(\n|$)" % label,
                      text or "")
        if not m:
            return None
        return [ROLE_NAMES[r.strip().lower()] for r in m.group(1).split(",")]
    pub, sec = grab("public or protected boards"), grab("secret boards")
    if pub is None and sec is None:
        return None
    return {"public": pub, "secret": sec}


def json_pointer_set(doc, pointer, value):
    parts = [p.replace("~1", "/").replace("~0", "~")
             for p in pointer.lstrip("/").split("/")]
    cur = doc
    for p in parts[:-1]:
        cur = cur[p]
    cur[parts[-1]] = copy.deepcopy(value)


def write(path, doc):
    full = os.path.join(CONTRACTS, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8", newline="\n") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")


def main(argv):
    spec_path = argv[1] if len(argv) > 1 else DEFAULT_SPEC
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    with open(OVERRIDES, encoding="utf-8") as f:
        overrides = json.load(f)
    g = Gen(spec)

    unknown = set(g.schemas) - set(HOME_MAP)
    if unknown:
        raise SystemExit("spec schemas without a home: %s" % sorted(unknown))

    out = {}  # path relative to schemas/ -> document
    for path in dict.fromkeys(f for _, f, _ in HOME):
        out[path] = g.build_file(path)

    # operations
    ops = {}
    for tpl, item in spec["paths"].items():
        for method, op in item.items():
            if method in ("parameters", "summary", "description", "servers"):
                continue
            ops[op["operationId"]] = (tpl, method, op)
    if sorted(ops) != sorted(OP_ORDER):
        raise SystemExit("operation set changed: %s" % sorted(ops))

    base_path = urlparse(spec["servers"][0]["url"]).path.rstrip("/")
    roles_by_op = {oid: roles_from_text(ops[oid][2].get("description"))
                   for oid in OP_ORDER}
    manifest_ops = []
    for oid in OP_ORDER:
        tpl, method, op = ops[oid]
        stem = oid.replace("/", ".")
        params_file = "operations/%s.params.json" % stem
        out[params_file] = g.params_doc(op, params_file)

        body, body_required = None, False
        rb = op.get("requestBody")
        if rb:
            bs = rb["content"]["application/json"]["schema"]
            body_required = bool(rb.get("required"))
            if "$ref" in bs:
                body = g.ref_target(bs["$ref"], None)
            else:
                body = SAVE_BODY_FILE if oid == "pins/save" else \
                    "operations/%s.body.json" % stem
                doc = {"$schema": DRAFT7}
                doc.update(g.conv(bs, body))
                out[body] = doc

        responses = {}
        for status, resp in op["responses"].items():
            content = resp.get("content", {}).get("application/json")
            if not content or "schema" not in content:
                responses[status] = None
                continue
            rs = content["schema"]
            if "$ref" in rs:
                responses[status] = g.ref_target(rs["$ref"], None)
            else:
                rf = "operations/%s.%s.json" % (stem, status)
                doc = {"$schema": DRAFT7}
                doc.update(g.conv(rs, rf))
                out[rf] = doc
                responses[status] = rf

        two_xx = sorted(int(s) for s in responses if s.startswith("2"))
        success = PRIMARY_SUCCESS.get(oid, two_xx[0])
        if success not in two_xx:
            raise SystemExit("%s: success %d not in spec" % (oid, success))

        scopes, cc = [], False
        for req in op.get("security", spec.get("security", [])):
            if "pinterest_oauth2" in req:
                scopes = list(req["pinterest_oauth2"])
            if "client_credentials" in req:
                cc = True

        access = roles_by_op[oid] or roles_by_op[ROLE_FALLBACK]

        manifest_ops.append({
            "id": oid,
            "method": method.upper(),
            "path": tpl,
            "scopes": scopes,
            "client_credentials": cc,
            "rate_limit_category": op.get("x-ratelimit-category"),
            "sandbox": op.get("x-sandbox"),
            "params": params_file,
            "body": body,
            "body_required": body_required,
            "success": success,
            "responses": responses,
            "business_access": access,
        })

    # deliberate deviations from the spec (overrides/live.json)
    for dev in overrides.get("deviations", []):
        if dev.get("effect") != "generator_replace":
            continue
        file_part, _, pointer = dev["where"].partition("#")
        if file_part not in out:
            raise SystemExit("override %s: unknown file" % dev["id"])
        json_pointer_set(out[file_part], pointer, dev["live"])

    manifest = {
        "spec": {"title": spec["info"]["title"],
                 "version": spec["info"]["version"]},
        "base_path": base_path,
        "operations": manifest_ops,
    }

    # Clean stale generated files, then write.
    for root, _, files in os.walk(SCHEMAS):
        for fn in files:
            if fn.endswith(".json"):
                os.remove(os.path.join(root, fn))
    for path in sorted(out):
        write(os.path.join("schemas", path), out[path])
    write("manifest.json", manifest)
    print("wrote %d schema files + manifest.json" % len(out))


if __name__ == "__main__":
    main(sys.argv)
