// Command coverfloor merges Go coverage profiles, prints each package's
// statement coverage in each profile and merged, and enforces a floor on
// the packages named with -gate. It reads the text format that go test
// -coverprofile and go tool covdata textfmt write:
//
//	coverfloor -floor 85 -gate bridgekeeper/data -o merged.out unit=unit.out e2e=e2e.out
//
// Each argument is NAME=FILE; NAME heads the profile's column. A block
// counts as covered when any profile ran it. It exits 1 when a gated
// package is under the floor or has no statements in any profile, or when
// a profile holds no blocks at all (the tests behind it did not run), and
// 2 on bad usage.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
)

// block is one coverage block: how many statements it holds and whether
// any run reached it.
type block struct {
	stmts int
	hit   bool
}

// profile is one named coverage profile, its blocks keyed by
// "import/path/file.go:line.col,line.col".
type profile struct {
	name   string
	blocks map[string]block
}

// gates is the repeatable -gate flag.
type gates []string

func (g *gates) String() string     { return strings.Join(*g, ",") }
func (g *gates) Set(v string) error { *g = append(*g, v); return nil }

func main() {
	var gated gates
	floor := flag.Float64("floor", 85, "the least coverage, in percent, of each -gate package")
	merged := flag.String("o", "", "write the merged profile to this file")
	flag.Var(&gated, "gate", "an import path that must reach the floor (repeatable)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: coverfloor [-floor PERCENT] [-gate IMPORTPATH]... [-o FILE] NAME=PROFILE...")
		os.Exit(2)
	}
	var profiles []profile
	for _, arg := range flag.Args() {
		p, err := readArg(arg)
		if err != nil {
			fmt.Fprintln(os.Stderr, "coverfloor:", err)
			os.Exit(2)
		}
		profiles = append(profiles, p)
	}
	all := merge(profiles)
	if *merged != "" {
		if err := writeProfile(*merged, all); err != nil {
			fmt.Fprintln(os.Stderr, "coverfloor:", err)
			os.Exit(2)
		}
	}
	report(os.Stdout, profiles, all, gated, *floor)
	problems := emptyProfiles(profiles)
	problems = append(problems, belowFloor(all, gated, *floor)...)
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, "coverfloor:", p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
}

// readArg reads the profile a NAME=FILE argument names.
func readArg(arg string) (profile, error) {
	name, file, ok := strings.Cut(arg, "=")
	if !ok || name == "" || file == "" {
		return profile{}, fmt.Errorf("%q is not NAME=PROFILE", arg)
	}
	f, err := os.Open(file)
	if err != nil {
		return profile{}, err
	}
	defer f.Close()
	blocks, err := parse(f)
	if err != nil {
		return profile{}, fmt.Errorf("%s: %v", file, err)
	}
	return profile{name: name, blocks: blocks}, nil
}

// parse reads a text coverage profile: a "mode:" line, then one line a
// block, "file:range statements count". A block listed twice (go test
// -coverpkg lists a package once for each test binary) is covered when
// either listing ran it.
func parse(r io.Reader) (map[string]block, error) {
	blocks := map[string]block{}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "mode:") {
			continue
		}
		f := strings.Fields(text)
		if len(f) != 3 {
			return nil, fmt.Errorf("line %d: %q is not FILE:RANGE STATEMENTS COUNT", line, text)
		}
		stmts, err1 := strconv.Atoi(f[1])
		count, err2 := strconv.ParseInt(f[2], 10, 64)
		if err1 != nil || err2 != nil || !strings.Contains(f[0], ":") {
			return nil, fmt.Errorf("line %d: %q is not FILE:RANGE STATEMENTS COUNT", line, text)
		}
		b := blocks[f[0]]
		blocks[f[0]] = block{stmts: stmts, hit: b.hit || count > 0}
	}
	return blocks, sc.Err()
}

// merge is the union of the profiles' blocks.
func merge(profiles []profile) profile {
	all := profile{name: "merged", blocks: map[string]block{}}
	for _, p := range profiles {
		for k, b := range p.blocks {
			old := all.blocks[k]
			all.blocks[k] = block{stmts: b.stmts, hit: old.hit || b.hit}
		}
	}
	return all
}

// writeProfile writes p as a set-mode text profile, which go tool cover
// -func and -html read.
func writeProfile(file string, p profile) error {
	keys := make([]string, 0, len(p.blocks))
	for k := range p.blocks {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var sb strings.Builder
	sb.WriteString("mode: set\n")
	for _, k := range keys {
		hit := 0
		if p.blocks[k].hit {
			hit = 1
		}
		fmt.Fprintf(&sb, "%s %d %d\n", k, p.blocks[k].stmts, hit)
	}
	return os.WriteFile(file, []byte(sb.String()), 0o644)
}

// tally is the statements of one package, and how many of them ran.
type tally struct{ covered, total int }

// percent is the covered share in percent, and false when there are no
// statements.
func (t tally) percent() (float64, bool) {
	if t.total == 0 {
		return 0, false
	}
	return 100 * float64(t.covered) / float64(t.total), true
}

// byPackage tallies p's statements by import path.
func byPackage(p profile) map[string]tally {
	out := map[string]tally{}
	for k, b := range p.blocks {
		file := k[:strings.LastIndex(k, ":")]
		pkg := path.Dir(file)
		t := out[pkg]
		t.total += b.stmts
		if b.hit {
			t.covered += b.stmts
		}
		out[pkg] = t
	}
	return out
}

// report prints a table: a row for each package, a column for each
// profile and one for the merge, and the floor beside the gated packages.
func report(w io.Writer, profiles []profile, all profile, gated []string, floor float64) {
	columns := append(slices.Clone(profiles), all)
	tallies := make([]map[string]tally, len(columns))
	for i, p := range columns {
		tallies[i] = byPackage(p)
	}
	pkgs := make([]string, 0, len(tallies[len(tallies)-1]))
	for pkg := range tallies[len(tallies)-1] {
		pkgs = append(pkgs, pkg)
	}
	slices.Sort(pkgs)
	width := len("package")
	for _, pkg := range pkgs {
		width = max(width, len(pkg))
	}
	fmt.Fprintf(w, "%-*s", width, "package")
	for _, p := range columns {
		fmt.Fprintf(w, " %8s", p.name)
	}
	fmt.Fprintln(w)
	for _, pkg := range pkgs {
		fmt.Fprintf(w, "%-*s", width, pkg)
		for _, t := range tallies {
			fmt.Fprintf(w, " %8s", cell(t[pkg]))
		}
		if slices.Contains(gated, pkg) {
			fmt.Fprintf(w, "  (floor %.0f%%)", floor)
		}
		fmt.Fprintln(w)
	}
}

// cell is a tally as a table cell: a percentage, or "-" without statements.
func cell(t tally) string {
	pct, ok := t.percent()
	if !ok {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", pct)
}

// emptyProfiles names each profile that holds no blocks.
func emptyProfiles(profiles []profile) []string {
	var out []string
	for _, p := range profiles {
		if len(p.blocks) == 0 {
			out = append(out, fmt.Sprintf("the %s profile is empty: the tests behind it did not run", p.name))
		}
	}
	return out
}

// belowFloor names each gated package under the floor, or without
// statements, in the merged profile.
func belowFloor(all profile, gated []string, floor float64) []string {
	tallies := byPackage(all)
	var out []string
	for _, pkg := range gated {
		pct, ok := tallies[pkg].percent()
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s: no coverage data (is the import path right?)", pkg))
		case pct < floor:
			out = append(out, fmt.Sprintf("%s: %.2f%% is under the %.0f%% floor by %.2f points", pkg, pct, floor, floor-pct))
		}
	}
	return out
}
