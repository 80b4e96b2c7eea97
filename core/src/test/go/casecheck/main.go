// Command casecheck runs modmirror's case tables (core/src/test/resources/.../cases/*.txt) through
// Go's own code, golang.org/x/mod and the standard library, and prints every row where Go's
// answer differs from the table's. Rows that only modmirror's test can check (scenarios of a
// lying database, our own error texts) are counted and skipped. Usage, from this directory:
//
//	go run . ../../resources/dev/modmirror/core/*/cases/*.txt
//
// A table row that differs on purpose says so in the table's comments.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	crand "crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
	"golang.org/x/mod/sumdb/dirhash"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
	"io"
	pathpkg "path"
	"strconv"
	"unicode/utf8"
)

func main() {
	bad, skipped := 0, 0
	for _, path := range os.Args[1:] {
		kind := strings.TrimSuffix(filepath.Base(path), ".txt")
		for _, r := range readTable(path) {
			if r.skip {
				fmt.Printf("SKIP %s %q\n", r.where, r.args)
				continue
			}
			got := eval(kind, r.args)
			if got == noReferee {
				skipped++
				continue
			}
			if (kind == "directives" || kind == "strings") && strings.HasPrefix(r.want, "error ") && strings.HasPrefix(got, "ERR go.mod:") {
				if sameError(r.want[len("error "):], got[len("ERR go.mod:"):]) {
					continue
				}
			}
			if why, ok := deliberate[filepath.Base(path)+" "+strings.Join(r.args, " ")]; ok && got != r.want {
				fmt.Printf("DELIBERATE %s %q: %s\n", r.where, r.args, why)
				continue
			}
			if got != r.want {
				bad++
				fmt.Printf("DIFF %s %q\n  want %s\n  go   %s\n", r.where, r.args, r.want, got)
			}
		}
	}
	fmt.Printf("differences: %d (rows without a Go referee: %d)\n", bad, skipped)
	if bad > 0 {
		os.Exit(1)
	}
}

func eval(kind string, a []string) string {
	switch kind {
	case "pseudo-versions":
		return pseudo(a[0])
	case "file-paths":
		return reason(module.CheckFilePath(a[0]), "file", a[0])
	case "import-paths":
		return reason(module.CheckImportPath(a[0]), "import", a[0])
	case "module-paths":
		return reason(module.CheckPath(a[0]), "module", a[0])
	case "directives", "strings":
		return gomod(a[0])
	case "lookup-records":
		return lookupRecord(a[0])
	case "dirhash":
		return dirHash(a)
	case "semver":
		return semverOp(a)
	case "globs":
		return globOp(a)
	case "tiles":
		return tileOp(a)
	case "path-versions":
		return pathVersion(a)
	case "quote":
		if a[0] == "string" {
			return "as " + strconv.Quote(a[1])
		}
		r, _ := utf8.DecodeRuneInString(a[1])
		return "as " + strconv.QuoteRune(r)
	case "notes":
		if a[0] == "key-name" {
			_, vkey, err := note.GenerateKey(crand.Reader, "x")
			if err != nil {
				panic(err)
			}
			key, _ := base64.StdEncoding.DecodeString(strings.SplitN(vkey, "+", 3)[2])
			h := sha256.Sum256(append([]byte(a[1]+"\n"), key...))
			id := fmt.Sprintf("%s+%08x+%s", a[1], binary.BigEndian.Uint32(h[:4]), base64.StdEncoding.EncodeToString(key))
			if _, err := note.NewVerifier(id); err != nil {
				return "invalid"
			}
			return "valid"
		}
		return noReferee
	case "escapes":
		return escapes(a[0], a[1])
	}
	return noReferee
}

// deliberate lists the rows where modmirror reads differently from Go on purpose, with the reason
// (the tables say so too).
var deliberate = map[string]string{
	"directives.txt replace a.b/m => C:\\dir": "a backslash directory is read as go on Windows reads it (docs/architecture.md)",
	"directives.txt replace a.b/m => .\\x":    "a backslash directory is read as go on Windows reads it (docs/architecture.md)",
	"directives.txt replace a.b/m => ..\\x":   "a backslash directory is read as go on Windows reads it (docs/architecture.md)",
	"directives.txt replace a.b/m => \\x":     "a backslash directory is read as go on Windows reads it (docs/architecture.md)",
	"directives.txt replace a.b/m => ./x\\y":  "a backslash directory is read as go on Windows reads it (docs/architecture.md)",
	"strings.txt ignore \"\\377\"":            "a byte that is not UTF-8 reads as U+FFFD in a Java string",
	"dirhash.txt a\nb x":                      "our refusal names the file; Go's message does not",
	"dirhash.txt \nb x":                       "our refusal names the file; Go's message does not",
	"lookup-records.txt -1\na\n\nN":           "a signed record index is refused (strconv.ParseInt takes it)",
	"lookup-records.txt +1\na\n\nN":           "a signed record index is refused (strconv.ParseInt takes it)",
	"tiles.txt parse tile/8/1234567890/000":   "a tile level of ten digits is refused (levels are below 64)",
}

// noReferee marks a row that only modmirror's own test can check (a scenario, not a Go function).
const noReferee = "\x00no referee"

func pseudo(v string) string {
	if !module.IsPseudoVersion(v) {
		return "not pseudo"
	}
	build := semver.Build(v)
	w := strings.TrimSuffix(v, build)
	j := strings.LastIndex(w, "-")
	w, rev := w[:j], w[j+1:]
	i := strings.LastIndex(w, "-")
	var base, stamp string
	if k := strings.LastIndex(w, "."); k > i {
		base, stamp = w[:k], w[k+1:]
	} else {
		base, stamp = w[:i], w[i+1:]
	}
	t, err := module.PseudoVersionTime(v)
	ts := "malformed"
	if err == nil {
		ts = t.UTC().Format(time.RFC3339)
	}
	return fmt.Sprintf("base=%s stamp=%s time=%s rev=%s build=%s", base, stamp, ts, rev, build)
}

func reason(err error, kind, path string) string {
	if err == nil {
		return "ok"
	}
	return strings.TrimPrefix(err.Error(), fmt.Sprintf("malformed %s path %q: ", kind, path))
}

func escapes(op, in string) string {
	var out string
	var err error
	switch op {
	case "escape-path":
		out, err = module.EscapePath(in)
	case "unescape-path":
		out, err = module.UnescapePath(in)
	case "escape-version":
		out, err = module.EscapeVersion(in)
	case "unescape-version":
		out, err = module.UnescapeVersion(in)
	default:
		return "unknown op " + op
	}
	if err != nil {
		return "error " + err.Error()
	}
	return out
}

func gomod(text string) string {
	f, err := modfile.Parse("go.mod", []byte(text), nil)
	if err != nil {
		return "ERR " + err.Error()
	}
	var out []string
	if f.Module != nil {
		out = append(out, "module "+f.Module.Mod.Path)
		if f.Module.Deprecated != "" {
			out = append(out, fmt.Sprintf("deprecated %q", f.Module.Deprecated))
		}
	}
	if f.Go != nil {
		out = append(out, "go "+f.Go.Version)
	}
	if f.Toolchain != nil {
		out = append(out, "toolchain "+f.Toolchain.Name)
	}
	for _, g := range f.Godebug {
		out = append(out, "godebug "+g.Key+"="+g.Value)
	}
	for _, r := range f.Require {
		s := "require " + r.Mod.Path + " " + r.Mod.Version
		if r.Indirect {
			s += " indirect"
		}
		out = append(out, s)
	}
	for _, x := range f.Exclude {
		out = append(out, "exclude "+x.Mod.Path+" "+x.Mod.Version)
	}
	for _, r := range f.Replace {
		s := "replace " + r.Old.Path
		if r.Old.Version != "" {
			s += " " + r.Old.Version
		}
		s += " => " + r.New.Path
		if r.New.Version != "" {
			s += " " + r.New.Version
		} else {
			s += " (local)"
		}
		out = append(out, s)
	}
	for _, r := range f.Retract {
		s := "retract [" + r.Low + ", " + r.High + "]"
		if r.Rationale != "" {
			s += fmt.Sprintf(" %q", r.Rationale)
		}
		out = append(out, s)
	}
	for _, t := range f.Tool {
		out = append(out, "tool "+t.Path)
	}
	for _, i := range f.Ignore {
		out = append(out, "ignore "+i.Path)
	}
	return strings.Join(out, "; ")
}

// sameError compares "L:C: msg" (ours) with Go's "L[:C]: [verb path: ]msg" on line and message.
func sameError(ours, gos string) bool {
	oi := strings.Index(ours, ":")
	gi := strings.Index(gos, ":")
	if oi < 0 || gi < 0 || ours[:oi] != gos[:gi] {
		return false
	}
	om := ours[strings.Index(ours, ": ")+2:]
	gm := gos[strings.Index(gos, ": ")+2:]
	return gm == om || strings.HasSuffix(gm, ": "+om)
}

func lookupRecord(in string) string {
	id, text, rest, err := tlog.ParseRecord([]byte(in))
	if err != nil {
		return "malformed"
	}
	return fmt.Sprintf("id=%d text=[%s] note=[%s]", id, show(string(text)), show(string(rest)))
}

func show(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString("\\n")
		case r == '\t':
			b.WriteString("\\t")
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func dirHash(a []string) string {
	files := map[string]string{}
	var names []string
	for i := 0; i+1 < len(a); i += 2 {
		files[a[i]] = a[i+1]
		names = append(names, a[i])
	}
	h, err := dirhash.Hash1(names, func(n string) (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader(files[n])), nil
	})
	if err != nil {
		return "error " + err.Error()
	}
	return h
}

func semverOp(a []string) string {
	switch a[0] {
	case "compare":
		return fmt.Sprint(semver.Compare(a[1], a[2]))
	case "canonical":
		if !semver.IsValid(a[1]) {
			return "invalid"
		}
		return module.CanonicalVersion(a[1])
	case "parts":
		return fmt.Sprintf("major=%s prerelease=%s build=%s", semver.Major(a[1]), semver.Prerelease(a[1]), semver.Build(a[1]))
	}
	return noReferee
}

func globOp(a []string) string {
	switch a[0] {
	case "match":
		ok, err := pathpkg.Match(a[1], a[2])
		if err != nil {
			return "bad pattern"
		}
		return fmt.Sprint(ok)
	case "prefix":
		return fmt.Sprint(module.MatchPrefixPatterns(a[1], a[2]))
	}
	return noReferee
}

func pathVersion(a []string) string {
	switch a[0] {
	case "split":
		prefix, major, ok := module.SplitPathVersion(a[1])
		if !ok {
			return "invalid"
		}
		return "prefix=" + prefix + " major=" + major
	case "path-major":
		err := module.CheckPathMajor(a[1], a[2])
		if err == nil {
			return "ok"
		}
		return strings.TrimPrefix(err.Error(), fmt.Sprintf("version %q invalid: ", a[1]))
	}
	return noReferee
}

func atoi(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		panic(err)
	}
	return n
}

func tileOp(a []string) string {
	switch a[0] {
	case "parse":
		t, err := tlog.ParseTilePath(a[1])
		if err != nil {
			return "malformed"
		}
		return fmt.Sprintf("h=%d l=%d n=%d w=%d", t.H, t.L, t.N, t.W)
	case "for-index":
		return tlog.TileForIndex(int(atoi(a[1])), atoi(a[2])).Path()
	case "new-tiles":
		var out []string
		for _, t := range tlog.NewTiles(int(atoi(a[1])), atoi(a[2]), atoi(a[3])) {
			out = append(out, t.Path())
		}
		return strings.Join(out, " ")
	case "hash-at":
		t := tlog.Tile{H: int(atoi(a[1])), L: int(atoi(a[2])), N: atoi(a[3]), W: int(atoi(a[4]))}
		_, err := tlog.HashFromTile(t, make([]byte, atoi(a[5])), atoi(a[6]))
		if err != nil {
			return "error " + err.Error()
		}
		return "ok"
	}
	return noReferee
}
