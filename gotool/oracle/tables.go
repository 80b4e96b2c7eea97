package main

// The case kinds that referee modmirror's case tables (core/src/test/resources/.../cases/*.txt):
// each runs one exported function of golang.org/x/mod or the standard library (or, where x/mod
// keeps the function unexported, a copy of it) and returns what it computed, unformatted.

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
	"golang.org/x/mod/sumdb/dirhash"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// tableCase answers the table kinds; known is false for a kind it does not know.
func tableCase(kind string, args [][]byte) (results []string, known bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			results, known, err = nil, true, fmt.Errorf("oracle: %s: %v", kind, p)
		}
	}()
	arg := func(i int) string {
		if i < len(args) {
			return string(args[i])
		}
		return ""
	}
	num := func(i int) int64 {
		n, perr := strconv.ParseInt(arg(i), 10, 64)
		if perr != nil {
			panic(fmt.Sprintf("argument %d is not a number: %q", i, arg(i)))
		}
		return n
	}
	switch kind {
	case "checkfilepath":
		return nil, true, module.CheckFilePath(arg(0))
	case "checkimportpath":
		return nil, true, module.CheckImportPath(arg(0))
	case "unescape":
		p, err := module.UnescapePath(arg(0))
		return []string{p}, true, err
	case "escapeversion":
		v, err := module.EscapeVersion(arg(0))
		return []string{v}, true, err
	case "unescapeversion":
		v, err := module.UnescapeVersion(arg(0))
		return []string{v}, true, err
	case "pseudo":
		if r := pseudo(arg(0)); r != nil {
			return r, true, nil
		}
		return nil, true, fmt.Errorf("%q is not a pseudo-version", arg(0))
	case "modfile":
		return modfileCase(args[0])
	case "record":
		id, text, rest, err := tlog.ParseRecord(args[0])
		if err != nil {
			return nil, true, err
		}
		return []string{strconv.FormatInt(id, 10), string(text), string(rest)}, true, nil
	case "hash1":
		return hash1(args)
	case "semvercompare":
		return []string{strconv.Itoa(semver.Compare(arg(0), arg(1)))}, true, nil
	case "canonical":
		// module.CanonicalVersion is semver.Canonical plus +incompatible kept.
		if !semver.IsValid(arg(0)) {
			return nil, true, fmt.Errorf("invalid semantic version %q", arg(0))
		}
		return []string{module.CanonicalVersion(arg(0))}, true, nil
	case "semverparts":
		v := arg(0)
		return []string{semver.Major(v), semver.Prerelease(v), semver.Build(v)}, true, nil
	case "match":
		m, err := path.Match(arg(0), arg(1))
		return []string{strconv.FormatBool(m)}, true, err
	case "splitpathversion":
		prefix, major, ok := module.SplitPathVersion(arg(0))
		if !ok {
			return nil, true, fmt.Errorf("invalid path %q", arg(0))
		}
		return []string{prefix, major}, true, nil
	case "checkpathmajor":
		return nil, true, module.CheckPathMajor(arg(0), arg(1))
	case "quote":
		return []string{strconv.Quote(arg(0))}, true, nil
	case "quoterune":
		r, _ := utf8.DecodeRuneInString(arg(0))
		return []string{strconv.QuoteRune(r)}, true, nil
	case "notekeyname":
		return nil, true, noteKeyName(arg(0))
	case "tileparse":
		t, err := tlog.ParseTilePath(arg(0))
		if err != nil {
			return nil, true, err
		}
		return []string{strconv.Itoa(t.H), strconv.Itoa(t.L), strconv.FormatInt(t.N, 10), strconv.Itoa(t.W)}, true, nil
	case "tileforindex":
		return []string{tlog.TileForIndex(int(num(0)), num(1)).Path()}, true, nil
	case "newtiles":
		var out []string
		for _, t := range tlog.NewTiles(int(num(0)), num(1), num(2)) {
			out = append(out, t.Path())
		}
		return out, true, nil
	case "hashfromtile":
		t := tlog.Tile{H: int(num(0)), L: int(num(1)), N: num(2), W: int(num(3))}
		_, err := tlog.HashFromTile(t, make([]byte, num(4)), num(5))
		return nil, true, err
	}
	return nil, false, nil
}

// pseudo is x/mod's unexported parsePseudoVersion plus PseudoVersionTime: base, timestamp,
// revision, build and the time (RFC 3339 UTC, or "malformed").
func pseudo(v string) []string {
	if !module.IsPseudoVersion(v) {
		return nil
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
	return []string{base, stamp, rev, build, ts}
}

// modfileCase is modfile.Parse: what it read, one directive per result, in file order within
// each kind (module, deprecation, go, toolchain, godebug, require, exclude, replace, retract,
// tool, ignore).
func modfileCase(data []byte) ([]string, bool, error) {
	f, err := modfile.Parse("go.mod", data, nil)
	if err != nil {
		return nil, true, err
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
	return out, true, nil
}

// hash1 is dirhash.Hash1 over name, content pairs (the names in the order given).
func hash1(args [][]byte) ([]string, bool, error) {
	files := map[string][]byte{}
	var names []string
	for i := 0; i+1 < len(args); i += 2 {
		files[string(args[i])] = args[i+1]
		names = append(names, string(args[i]))
	}
	h, err := dirhash.Hash1(names, func(n string) (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader(string(files[n]))), nil
	})
	return []string{h}, true, err
}

// noteKeyName is note.NewVerifier on a fresh Ed25519 key named name, with a key hash computed as
// note does, so that only the name can make it fail.
func noteKeyName(name string) error {
	_, vkey, err := note.GenerateKey(nil, "x")
	if err != nil {
		return err
	}
	key, _ := base64.StdEncoding.DecodeString(strings.SplitN(vkey, "+", 3)[2])
	h := sha256.Sum256(append([]byte(name+"\n"), key...))
	id := fmt.Sprintf("%s+%08x+%s", name, binary.BigEndian.Uint32(h[:4]), base64.StdEncoding.EncodeToString(key))
	_, err = note.NewVerifier(id)
	return err
}
