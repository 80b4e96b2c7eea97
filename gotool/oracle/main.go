// Command oracle is modmirror's referee: it answers, case by case, what the go command's own code
// (golang.org/x/mod, archive/zip, encoding/json, unicode) says about an input, so that modmirror's
// Java ports can be compared with Go on every byte.
//
// Protocol: one case per line on stdin, one answer per line on stdout, in order. A case is a kind
// followed by its arguments, separated by tabs, each argument standard base64. An answer is
// "ok" followed by base64 results, or "err" followed by the base64 error text. The program ends at
// the end of stdin. It reads no network and writes only under os.TempDir.
package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb/dirhash"
	"golang.org/x/mod/sumdb/tlog"
	modzip "golang.org/x/mod/zip"
)

// xmodVersion is the golang.org/x/mod version that go.mod pins; printed by the "version" case.
const xmodVersion = "v0.30.0"

func main() {
	tmp, err := os.MkdirTemp("", "modmirror-oracle-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer os.RemoveAll(tmp)
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer out.Flush()
	for n := 0; ; n++ {
		line, err := in.ReadString('\n')
		if line == "" && err != nil {
			return
		}
		results, caseErr := answer(strings.TrimRight(line, "\r\n"), filepath.Join(tmp, strconv.Itoa(n)))
		if caseErr != nil {
			fmt.Fprintf(out, "err\t%s\n", enc(caseErr.Error()))
		} else {
			out.WriteString("ok")
			for _, r := range results {
				out.WriteString("\t" + enc(r))
			}
			out.WriteString("\n")
		}
		// Answer as soon as a case is done: the caller may wait for each answer.
		if in.Buffered() == 0 {
			out.Flush()
		}
	}
}

func enc(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func answer(line, scratch string) ([]string, error) {
	fields := strings.Split(line, "\t")
	args := make([][]byte, len(fields)-1)
	for i, f := range fields[1:] {
		b, err := base64.StdEncoding.DecodeString(f)
		if err != nil {
			return nil, fmt.Errorf("oracle: bad argument %d: %v", i, err)
		}
		args[i] = b
	}
	arg := func(i int) string {
		if i < len(args) {
			return string(args[i])
		}
		return ""
	}
	switch fields[0] {
	case "version":
		return []string{runtime.Version(), xmodVersion, unicode.Version}, nil
	case "zip":
		return zipCase(arg(0), arg(1), args[2], scratch)
	case "info":
		return infoCase(arg(0), arg(1), args[2])
	case "mod":
		return modCase(arg(0), arg(1), args[2])
	case "gomod":
		_, err := modfile.Parse("go.mod", args[0], nil)
		return nil, err
	case "check":
		return nil, module.Check(arg(0), arg(1))
	case "checkpath":
		return nil, module.CheckPath(arg(0))
	case "escape":
		p, err := module.EscapePath(arg(0))
		return []string{p}, err
	case "nosumdb":
		return []string{strconv.FormatBool(module.MatchPrefixPatterns(arg(0), arg(1)))}, nil
	case "tree":
		t, err := tlog.ParseTree(args[0])
		if err != nil {
			return nil, err
		}
		return []string{strconv.FormatInt(t.N, 10), t.Hash.String()}, nil
	case "sumdbline":
		return nil, sumdbLine(arg(0), arg(1), arg(2), arg(3))
	case "fold":
		return []string{strToFold(arg(0))}, nil
	case "foldtable":
		return []string{unicode.Version, foldTable()}, nil
	case "lettertable":
		return []string{unicode.Version, letterTable()}, nil
	}
	if results, known, err := tableCase(fields[0], args); known {
		return results, err
	}
	return nil, fmt.Errorf("oracle: unknown case kind %q", fields[0])
}

// zipCase is what `go mod download` does with a module zip served by a proxy
// (cmd/go/internal/modfetch: proxyRepo.Zip, downloadZip, hashZip, unzip).
func zipCase(path, version string, data []byte, scratch string) ([]string, error) {
	if err := module.Check(path, version); err != nil {
		return nil, err
	}
	if int64(len(data)) > modzip.MaxZipFile {
		return nil, errors.New("downloaded zip file too large")
	}
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	prefix := path + "@" + version + "/"
	for _, zf := range z.File {
		if !strings.HasPrefix(zf.Name, prefix) {
			return nil, fmt.Errorf("zip for %s has unexpected file %s", prefix[:len(prefix)-1], zf.Name)
		}
	}
	if err := os.MkdirAll(scratch, 0o777); err != nil {
		return nil, err
	}
	defer os.RemoveAll(scratch)
	file := filepath.Join(scratch, "m.zip")
	if err := os.WriteFile(file, data, 0o666); err != nil {
		return nil, err
	}
	h1, err := dirhash.HashZip(file, dirhash.DefaultHash)
	if err != nil {
		return nil, err
	}
	if err := modzip.Unzip(filepath.Join(scratch, "dir"), module.Version{Path: path, Version: version}, file); err != nil {
		return nil, err
	}
	return []string{h1}, nil
}

// origin and revInfo have the JSON shape of cmd/go's codehost.Origin and modfetch.RevInfo.
type origin struct {
	VCS, URL, Subdir, Hash, TagPrefix, TagSum, Ref, RepoSum string
}

type revInfo struct {
	Version string
	Time    time.Time
	Name    string `json:"-"`
	Short   string `json:"-"`
	Origin  *origin
}

// infoCase is cmd/go's proxyRepo.Stat on a .info body for a canonical, valid version.
func infoCase(path, version string, data []byte) ([]string, error) {
	info := new(revInfo)
	if err := json.Unmarshal(data, info); err != nil {
		return nil, fmt.Errorf("invalid response from proxy: %w", err)
	}
	if info.Version != version && version == module.CanonicalVersion(version) && module.Check(path, version) == nil {
		return nil, fmt.Errorf("proxy returned info for version %s instead of requested version", info.Version)
	}
	return []string{info.Version, strconv.FormatInt(info.Time.Unix(), 10) + "." + strconv.Itoa(info.Time.Nanosecond())}, nil
}

// modCase is what cmd/go does with a .mod from a proxy: hash it (checkGoMod in modfetch), then
// read it laxly and require its module line to name the module (goModSummary in modload).
func modCase(path, version string, data []byte) ([]string, error) {
	h, err := dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	})
	if err != nil {
		return nil, err
	}
	f, err := modfile.ParseLax("go.mod", data, nil)
	if err != nil {
		return nil, fmt.Errorf("parsing go.mod: %v", err)
	}
	if f.Module == nil || f.Module.Mod.Path == "" {
		return nil, errors.New("parsing go.mod: missing module line")
	}
	if mpath := f.Module.Mod.Path; mpath != path {
		return nil, fmt.Errorf("parsing go.mod:\n\tmodule declares its path as: %s\n\t        but was required as: %s", mpath, path)
	}
	return []string{h}, nil
}

// sumdbLine is cmd/go's checkSumDB over the lines that x/mod's sumdb Client.Lookup keeps from a
// record: the first line for the version with the same hash accepts, the first h1 line with
// another hash is a mismatch, no line is a missing checksum. version may end in /go.mod.
func sumdbLine(path, version, h, record string) error {
	lookupPrefix := path + " " + strings.TrimSuffix(version, "/go.mod")
	if strings.HasSuffix(version, "/go.mod") {
		lookupPrefix += "/go.mod"
	}
	lookupPrefix += " "
	have := path + " " + version + " " + h
	prefix := path + " " + version + " h1:"
	for _, line := range strings.Split(record, "\n") {
		if !strings.HasPrefix(line, lookupPrefix) {
			continue
		}
		if line == have {
			return nil
		}
		if strings.HasPrefix(line, prefix) {
			return fmt.Errorf("verifying %s@%s: checksum mismatch", path, version)
		}
	}
	return fmt.Errorf("verifying %s@%s: checksum missing from sumdb response", path, version)
}

// strToFold is x/mod/zip's fold key (unexported there): the smallest rune of each rune's
// SimpleFold orbit, with A-Z mapped to a-z.
func strToFold(s string) string {
	var buf strings.Builder
	for _, r := range s {
		r = foldRune(r)
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		buf.WriteRune(r)
	}
	return buf.String()
}

func foldRune(r rune) rune {
	for {
		r0 := r
		r = unicode.SimpleFold(r0)
		if r <= r0 {
			return r
		}
	}
}

// foldTable lists, one per line as hex "rune fold", every rune whose orbit minimum is another rune.
func foldTable() string {
	var b strings.Builder
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if f := foldRune(r); f != r {
			fmt.Fprintf(&b, "%x %x\n", r, f)
		}
	}
	return b.String()
}

// letterTable lists the ranges of unicode.IsLetter, one per line as hex "first last".
func letterTable() string {
	var b strings.Builder
	start := rune(-1)
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		in := r <= unicode.MaxRune && unicode.IsLetter(r)
		if in && start < 0 {
			start = r
		} else if !in && start >= 0 {
			fmt.Fprintf(&b, "%x %x\n", start, r-1)
			start = -1
		}
	}
	return b.String()
}
