#!/usr/bin/env python3
"""Writes the seed directories of the Jazzer targets (docs/fuzzing.md) from the project's own test
vectors and corpora. Run from the repository root; it rewrites only files named seed-*.
Optional: a go command's module cache with sum.golang.org answers (SUMDB_CACHE, default
~/.cache/modmirror/real-modules/gopath/pkg/mod/cache/download/sumdb/sum.golang.org) for the
checksum-database seeds; without it those seeds are left as they are."""
import base64, glob, io, json, os, re, sys, zipfile

ROOT = os.getcwd()
RES = os.path.join(ROOT, "fuzz/src/test/resources")
JAZ = os.path.join(RES, "dev/modmirror/fuzz/jazzer")


def target(cls, method, package=JAZ):
    d = os.path.join(package, cls + "Inputs", method)
    os.makedirs(d, exist_ok=True)
    for old in glob.glob(os.path.join(d, "seed-*")):
        os.remove(old)
    return d


def write(d, name, data):
    name = re.sub(r"[^A-Za-z0-9._-]", "_", name)[:80]
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def case_lines(path):
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line and not line.startswith("#"):
            yield line


# gomod: core's parser corpus and ingest's real go.mod / go.work files.
d = target("GoModFuzzTest", "parse")
for f in sorted(glob.glob("core/src/test/resources/dev/modmirror/core/gomod/corpus/*.mod")
                + glob.glob("ingest/src/test/resources/dev/modmirror/ingest/gomod/real/**/go.*", recursive=True)
                + glob.glob("ingest/src/test/resources/dev/modmirror/ingest/gomod/real/*.mod")):
    write(d, os.path.relpath(f, ROOT).replace("/", "_"), open(f, "rb").read())

# module: the first field of every module path, ref and escape case.
d = target("ModuleFuzzTest", "parse")
seen = set()
for table in ["module-paths", "refs", "escapes", "semver", "pseudo-versions", "path-versions"]:
    for line in case_lines(f"core/src/test/resources/dev/modmirror/core/module/cases/{table}.txt"):
        fields = line.split("=>")[0].split()
        if table in ("refs", "escapes", "semver", "path-versions"):
            fields = fields[1:]  # the first field names the operation
        for value in fields + (["@".join(fields)] if len(fields) == 2 else []):
            if value not in seen and len(seen) < 120:
                seen.add(value)
                write(d, f"{table}-{len(seen)}", value)

# zip: the zip vectors of the differential fuzzer (module example.com/m v1.0.0) and small valid zips.
d = target("ZipFuzzTest", "verify")
for f in sorted(glob.glob(os.path.join(RES, "dev/modmirror/fuzz/vectors/*.vec"))):
    lines = open(f, encoding="utf-8").read().splitlines()
    if "kind zip" not in lines:
        continue
    args = [base64.b64decode(l[4:]) for l in lines if l.startswith("arg ")]
    if len(args) >= 3 and args[0] == b"example.com/m" and args[1] == b"v1.0.0":
        write(d, os.path.basename(f)[:-4], args[2])
P = "example.com/m@v1.0.0/"
for name, method, files in [
    ("deflated", zipfile.ZIP_DEFLATED, {"go.mod": "module example.com/m\n", "a.go": "package m\n", "LICENSE": "x\n"}),
    ("stored", zipfile.ZIP_STORED, {"go.mod": "module example.com/m\n", "sub/b.go": "package sub\n"}),
    ("empty", zipfile.ZIP_STORED, {}),
]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for n, c in files.items():
            z.writestr(zipfile.ZipInfo(P + n, (2020, 1, 1, 0, 0, 0)), c, compress_type=method)
    write(d, "valid-" + name, buf.getvalue())

# sumdb: real sum.golang.org lookups (record lines, blank line, signed tree note).
cache = os.environ.get("SUMDB_CACHE", os.path.expanduser(
    "~/.cache/modmirror/real-modules/gopath/pkg/mod/cache/download/sumdb/sum.golang.org"))
lookups = sorted(glob.glob(os.path.join(cache, "lookup/**/*@*"), recursive=True))[:8]
if lookups:
    dl = target("SumDbNoteFuzzTest", "lookup")
    dn = target("SumDbNoteFuzzTest", "note")
    for f in lookups:
        data = open(f, "rb").read()
        name = os.path.relpath(f, cache)
        write(dl, name, data)
        note = data[data.index(b"\n\n") + 2:]
        write(dn, name, note)

# tiles: FuzzedDataProvider input; a few byte patterns (intact tiles, a flipped byte, a cut tile).
d = target("SumDbTileFuzzTest", "tiles")
write(d, "empty", b"")
write(d, "tile-path", b"tile/8/0/x001/234.p/5" + bytes(64))
write(d, "flip", bytes([1] * 96))
write(d, "cut", bytes([2] * 96))

# index: lines of the index feed as index.golang.org writes them, and broken ones.
d = target("IndexLineFuzzTest", "parse")
for i, (p, v, t) in enumerate([
    ("golang.org/x/mod", "v0.22.0", "2024-11-05T18:54:39.045876Z"),
    ("github.com/BurntSushi/toml", "v1.4.0", "2024-06-04T12:00:00.123456789Z"),
    ("gopkg.in/yaml.v3", "v3.0.1", "2022-05-27T08:34:12Z"),
    ("example.com/m", "v1.0.0-20200101000000-abcdefabcdef", "2020-01-01T00:00:00Z"),
]):
    write(d, f"line-{i}", json.dumps({"Path": p, "Version": v, "Timestamp": t}, separators=(",", ":")))
write(d, "page", "\n".join(json.dumps({"Path": "a.b/c", "Version": f"v1.0.{i}", "Timestamp": "2024-01-01T00:00:00Z"}) for i in range(3)) + "\n")
write(d, "escaped", '{"Path":"a.b/\\u0063","Version":"v1.0.0","Timestamp":"2024-01-01T00:00:00.5Z","Extra":[1,{"x":null}]}')

# webhook: first byte chooses the provider (0 GitHub, 1 GitLab, 2 generic), then the body.
d = target("WebhookFuzzTest", "read", os.path.join(RES, "dev/modmirror/ingest/webhook"))
github = {"ref": "refs/heads/main", "after": "0123456789abcdef0123456789abcdef01234567", "deleted": False,
          "repository": {"full_name": "acme/app", "html_url": "https://github.com/acme/app"},
          "commits": [{"added": ["go.mod"], "modified": ["sub/go.mod", "README.md"]}]}
gitlab = {"ref": "refs/tags/v1.2.0", "after": "0000000000000000000000000000000000000000",
          "project": {"path_with_namespace": "group/app", "web_url": "https://gitlab.example.com/group/app"},
          "commits": [{"modified": ["go.mod"]}]}
generic = {"repository": "https://git.example.com/acme/app.git", "ref": "refs/heads/main", "after": "abc"}
write(d, "github", b"\x00" + json.dumps(github).encode())
write(d, "gitlab", b"\x01" + json.dumps(gitlab).encode())
write(d, "generic", b"\x02" + json.dumps(generic).encode())

# goproxy: every raw path of core's request-path table.
d = target("ProxyPathFuzzTest", "parse")
for i, line in enumerate(case_lines("core/src/test/resources/goproxy/request-paths.txt")):
    write(d, f"path-{i}", line.split(" => ")[0])
print("seeds written", file=sys.stderr)
