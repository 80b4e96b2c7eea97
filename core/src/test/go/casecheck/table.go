package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

type row struct {
	where string
	args  []string
	want  string
	arrow bool
	skip  bool
}

func readTable(path string) []row {
	f, err := os.Open(path)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	var rows []row
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := row{where: fmt.Sprintf("%s:%d", path, n)}
		i := 0
		for i < len(line) {
			c := line[i]
			if c == ' ' || c == '\t' {
				i++
				continue
			}
			if strings.HasPrefix(line[i:], "=>") && (i+2 == len(line) || line[i+2] == ' ' || line[i+2] == '\t') {
				r.arrow = true
				r.want = strings.TrimSpace(line[i+2:])
				if len(r.want) >= 2 && r.want[0] == '"' {
					if u, ok := unq(r.want); ok {
						r.want = u
					}
				}
				break
			}
			if c == '"' {
				j := i + 1
				for ; j < len(line); j++ {
					if line[j] == '\\' {
						j++
					} else if line[j] == '"' {
						break
					}
				}
				u, ok := unq(line[i : j+1])
				if !ok {
					r.skip = true
				}
				r.args = append(r.args, u)
				i = j + 1
				continue
			}
			j := i
			for j < len(line) && line[j] != ' ' && line[j] != '\t' {
				j++
			}
			r.args = append(r.args, line[i:j])
			i = j
		}
		rows = append(rows, r)
	}
	return rows
}

// unq unquotes; \uD800-style lone surrogates cannot be expressed in Go: ok=false.
func unq(s string) (string, bool) {
	u, err := strconv.Unquote(s)
	if err != nil {
		return s, false
	}
	return u, true
}
