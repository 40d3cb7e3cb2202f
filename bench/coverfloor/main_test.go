package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// unitProfile and e2eProfile are two runs of one package of 10 statements:
// the unit run reached 6 of them (one block listed twice, as go test
// -coverpkg does, reached by only one listing), the e2e run 2 more.
const (
	unitProfile = `mode: set
example/p/a.go:1.1,2.2 4 1
example/p/a.go:3.1,4.2 2 0
example/p/a.go:3.1,4.2 2 1
example/p/a.go:5.1,6.2 2 0
example/p/a.go:7.1,8.2 2 0
`
	e2eProfile = `mode: set
example/p/a.go:5.1,6.2 2 3
example/p/a.go:7.1,8.2 2 0
example/q/b.go:1.1,2.2 5 0
`
)

func mustParse(t *testing.T, name, text string) profile {
	t.Helper()
	blocks, err := parse(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return profile{name: name, blocks: blocks}
}

func TestMergeCountsABlockRunInAnyProfile(t *testing.T) {
	unit, e2e := mustParse(t, "unit", unitProfile), mustParse(t, "e2e", e2eProfile)
	if got := byPackage(unit)["example/p"]; got != (tally{covered: 6, total: 10}) {
		t.Errorf("unit tally = %+v, want 6 of 10", got)
	}
	all := merge([]profile{unit, e2e})
	if got := byPackage(all)["example/p"]; got != (tally{covered: 8, total: 10}) {
		t.Errorf("merged tally = %+v, want 8 of 10", got)
	}
	if got := belowFloor(all, []string{"example/p"}, 80); got != nil {
		t.Errorf("at the floor: %v, want no problems", got)
	}
	got := belowFloor(all, []string{"example/p", "example/q", "example/missing"}, 85)
	if len(got) != 3 || !strings.Contains(got[0], "80.00% is under the 85% floor by 5.00 points") ||
		!strings.Contains(got[1], "example/q: 0.00%") || !strings.Contains(got[2], "no coverage data") {
		t.Errorf("below the floor: %q", got)
	}
}

func TestEmptyProfileIsAProblem(t *testing.T) {
	empty := mustParse(t, "e2e", "mode: set\n")
	if got := emptyProfiles([]profile{mustParse(t, "unit", unitProfile), empty}); len(got) != 1 || !strings.Contains(got[0], "e2e profile is empty") {
		t.Errorf("emptyProfiles = %q", got)
	}
}

func TestBadLinesAreRefused(t *testing.T) {
	for _, line := range []string{"example/p/a.go:1.1,2.2 4", "example/p/a.go 4 1", "example/p/a.go:1.1,2.2 x 1"} {
		if _, err := parse(strings.NewReader("mode: set\n" + line + "\n")); err == nil {
			t.Errorf("%q was read without an error", line)
		}
	}
}

func TestMergedProfileRoundTrips(t *testing.T) {
	all := merge([]profile{mustParse(t, "unit", unitProfile), mustParse(t, "e2e", e2eProfile)})
	file := filepath.Join(t.TempDir(), "merged.out")
	if err := writeProfile(file, all); err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	back := mustParse(t, "back", string(text))
	if got, want := byPackage(back), byPackage(all); len(got) != len(want) || got["example/p"] != want["example/p"] || got["example/q"] != want["example/q"] {
		t.Errorf("read back %+v, want %+v", got, want)
	}
}

func TestReportMarksGatedPackages(t *testing.T) {
	unit := mustParse(t, "unit", unitProfile)
	var sb strings.Builder
	report(&sb, []profile{unit}, merge([]profile{unit}), []string{"example/p"}, 85)
	want := "package       unit   merged\nexample/p    60.0%    60.0%  (floor 85%)\n"
	if sb.String() != want {
		t.Errorf("report:\n%s\nwant:\n%s", sb.String(), want)
	}
}
