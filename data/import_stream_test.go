package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// streamCSV is a CSV file of n good interviews (benchInterviews, as
// WriteCSV writes them) followed by extra, which should start a new line.
func streamCSV(t *testing.T, n int, extra string) string {
	t.Helper()
	ivs := benchInterviews(n, 7)
	for i := range ivs {
		ivs[i].ID = 0
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, ivs); err != nil {
		t.Fatal(err)
	}
	return buf.String() + extra
}

// seededStore is an empty store holding one interview, so a test can tell
// an import that wrote nothing from one that replaced everything.
func seededStore(t *testing.T) *Store {
	t.Helper()
	s := openTemp(t)
	if err := s.CreateInterview(context.Background(), &Interview{Company: "Already here"}); err != nil {
		t.Fatal(err)
	}
	return s
}

// rev is the store's change counter, which every committed write bumps.
func rev(t *testing.T, s *Store) int64 {
	t.Helper()
	var n int64
	if err := s.db.QueryRow(`SELECT rev FROM changes`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// unchanged checks that s still holds only its seed and that nothing was
// committed since rev0.
func unchanged(t *testing.T, s *Store, rev0 int64) {
	t.Helper()
	if n, err := s.CountInterviews(context.Background()); err != nil || n != 1 {
		t.Errorf("database has %d interviews (%v), want only the seed", n, err)
	}
	if r := rev(t, s); r != rev0 {
		t.Errorf("change counter moved from %d to %d: something was committed", rev0, r)
	}
}

func TestImportStreamAddsEveryRowInOneChange(t *testing.T) {
	s := seededStore(t)
	rev0 := rev(t, s)
	input := streamCSV(t, 2_000, "")
	res, err := s.ImportCSVStream(context.Background(), strings.NewReader(input), nil)
	if err != nil || res.Added != 2_000 || len(res.Warnings) != 0 {
		t.Fatalf("ImportCSVStream = %+v, %v; want 2000 added", res, err)
	}
	if n, _ := s.CountInterviews(context.Background()); n != 2_001 {
		t.Errorf("database has %d interviews, want 2001", n)
	}
	if r := rev(t, s); r != rev0+1 {
		t.Errorf("change counter went from %d to %d, want one change", rev0, r)
	}
	var events int
	if err := s.db.QueryRow(`SELECT count(*) FROM events WHERE kind = ?`, string(EventCreated)).Scan(&events); err != nil || events != 2_001 {
		t.Errorf("%d created events (%v), want one per interview", events, err)
	}
}

func TestImportStreamIsAllOrNothing(t *testing.T) {
	const n = 50_000
	good := streamCSV(t, n, "")
	cases := []struct {
		name  string
		input string
		line  int // of the one problem
		field string
	}{
		{"bad company on the last row", good + ",Dev,,,,,,,,\n", n + 2, "company"},
		{"bad email on the last row", good + "Acme,Dev,Ana,ana@,,,,,,\n", n + 2, "contact_email"},
		{"short last row", good + "Acme,Dev\n", n + 2, ""},
		{"broken quote at the end", good + "Acme,\"open\n", n + 2, ""},
		{"bad first row, then good ones", strings.Replace(good, "\r\n", "\r\n,,,,,,,,,x\r\n", 1), 2, "company"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := seededStore(t)
			rev0 := rev(t, s)
			res, err := s.ImportCSVStream(context.Background(), strings.NewReader(tc.input), nil)
			var ie *ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("ImportCSVStream = %+v, %v; want *ImportError", res, err)
			}
			if res.Added != 0 {
				t.Errorf("Added = %d with an error", res.Added)
			}
			if len(ie.Problems) != 1 || ie.More != 0 {
				t.Fatalf("problems = %v (+%d), want exactly one", ie.Problems, ie.More)
			}
			if p := ie.Problems[0]; p.Line != tc.line || p.Field != tc.field || p.Msg == "" {
				t.Errorf("problem = %+v, want line %d field %q", p, tc.line, tc.field)
			}
			unchanged(t, s, rev0)
			// The rolled-back import left no transaction or lock behind.
			if err := s.CreateInterview(context.Background(), &Interview{Company: "After"}); err != nil {
				t.Errorf("writing after a refused import: %v", err)
			}
		})
	}
}

func TestImportStreamKeepsAThousandProblemsAndCountsTheRest(t *testing.T) {
	const bad = 5_000
	var b strings.Builder
	b.WriteString("company,contact_email\n")
	for i := range bad {
		if i%2 == 0 {
			b.WriteString("Good Co,ok@example.com\n") // good rows between do not reset anything
		}
		fmt.Fprintf(&b, "Bad %d,nobody@\n", i)
	}
	s := seededStore(t)
	rev0 := rev(t, s)
	_, err := s.ImportCSVStream(context.Background(), strings.NewReader(b.String()), nil)
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want *ImportError", err)
	}
	if len(ie.Problems) != maxKeptProblems || ie.More != bad-maxKeptProblems || ie.Count() != bad {
		t.Fatalf("kept %d problems and counted %d more, want %d and %d", len(ie.Problems), ie.More, maxKeptProblems, bad-maxKeptProblems)
	}
	if first, last := ie.Problems[0], ie.Problems[len(ie.Problems)-1]; first.Line != 3 || last.Line <= first.Line {
		t.Errorf("problems run from line %d to %d, want the first ones in file order from line 3", first.Line, last.Line)
	}
	if msg := err.Error(); !strings.HasSuffix(msg, fmt.Sprintf("(and %d more problems)", bad-1)) {
		t.Errorf("Error() = %q, want a count of every other problem", msg)
	}
	unchanged(t, s, rev0)
}

// cancelAfter is a reader that cancels an import's context once n bytes
// have been read from it, as a user pressing Cancel part way would.
type cancelAfter struct {
	r      io.Reader
	n      int
	read   int
	cancel context.CancelFunc
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.read += n
	if c.read >= c.n {
		c.cancel()
	}
	return n, err
}

func TestImportStreamCancelledLeavesDatabaseUnchanged(t *testing.T) {
	input := streamCSV(t, 20_000, "")
	for _, tc := range []struct {
		name string
		at   int
	}{
		{"in the header", 1},
		{"after the first rows", 10_000},
		{"half way", len(input) / 2},
		{"in the last bytes", len(input) - 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := seededStore(t)
			rev0 := rev(t, s)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			r := &cancelAfter{r: strings.NewReader(input), n: tc.at, cancel: cancel}
			res, err := s.ImportCSVStream(ctx, r, nil)
			if !errors.Is(err, context.Canceled) || res.Added != 0 {
				t.Fatalf("ImportCSVStream = %+v, %v; want context.Canceled and nothing added", res, err)
			}
			if !strings.HasPrefix(err.Error(), "import CSV: ") {
				t.Errorf("error %q lacks its context", err)
			}
			unchanged(t, s, rev0)
			if err := s.CreateInterview(context.Background(), &Interview{Company: "After"}); err != nil {
				t.Errorf("writing after a cancelled import: %v", err)
			}
		})
	}
}

func TestImportStreamCancelledAfterAProblemStillStops(t *testing.T) {
	s := seededStore(t)
	rev0 := rev(t, s)
	// Line 2 has no company, so the rest is only checked when the cancel comes.
	input := "company,notes\n,x\n" + strings.Repeat("Acme,n\n", 50_000)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := &cancelAfter{r: strings.NewReader(input), n: len(input) / 2, cancel: cancel}
	_, err := s.ImportCSVStream(ctx, r, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled while checking the rest", err)
	}
	unchanged(t, s, rev0)
}

// plainReader hides what a reader knows about its size.
type plainReader struct{ r io.Reader }

func (p plainReader) Read(b []byte) (int, error) { return p.r.Read(b) }

func TestImportStreamReportsProgress(t *testing.T) {
	const n = 50_000
	input := streamCSV(t, n, "\r\n,,,,,,,\r\n") // blank rows at the end are read but not counted
	path := filepath.Join(t.TempDir(), "in.csv")
	if err := os.WriteFile(path, []byte(input), 0o600); err != nil {
		t.Fatal(err)
	}
	size := int64(len(input))
	for _, tc := range []struct {
		name  string
		open  func(t *testing.T) io.Reader
		total int64
	}{
		{"strings.Reader", func(*testing.T) io.Reader { return strings.NewReader(input) }, size},
		{"os.File", func(t *testing.T) io.Reader {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { f.Close() })
			return f
		}, size},
		// A reader that cannot seek is copied to a file first, which
		// then knows its size.
		{"unknown size", func(*testing.T) io.Reader { return plainReader{strings.NewReader(input)} }, size},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openTemp(t)
			var got []Progress
			res, err := s.ImportCSVStream(context.Background(), tc.open(t), func(p Progress) { got = append(got, p) })
			if err != nil || res.Added != n {
				t.Fatalf("ImportCSVStream = %+v, %v", res, err)
			}
			checkProgress(t, got, n, size, tc.total)
		})
	}
}

// checkProgress checks the reports of an import of rows records from size
// bytes: often enough, never backwards, Total as given, and a last one
// that covers the whole input.
func checkProgress(t *testing.T, got []Progress, rows int, size, total int64) {
	t.Helper()
	// The first reading of the file reports bytes only; it starts over.
	if len(got) == 0 || !got[0].Checking {
		t.Errorf("the first report %+v is not of the check", got)
	}
	got = slices.DeleteFunc(got, func(p Progress) bool { return p.Checking })
	// Every 10,000 rows at the least, and once at the end.
	if len(got) < rows/progressRows+1 {
		t.Fatalf("%d progress reports for %d rows, want at least %d", len(got), rows, rows/progressRows+1)
	}
	for i, p := range got {
		if p.Total != total || p.Bytes > size {
			t.Errorf("report %d = %+v, want Total %d and Bytes within %d", i, p, total, size)
		}
		if i > 0 && (p.Rows < got[i-1].Rows || p.Bytes < got[i-1].Bytes) {
			t.Errorf("report %d went backwards: %+v after %+v", i, p, got[i-1])
		}
	}
	if last := got[len(got)-1]; last.Rows != rows || last.Bytes != size {
		t.Errorf("last report = %+v, want %d rows and all %d bytes", last, rows, size)
	}
}

func TestImportStreamWallTimes(t *testing.T) {
	berlin, err := LoadZone("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		cell    string
		want    time.Time // stored instant; zero with problem set
		problem string    // in the refusal
		warning string    // in the one warning
	}{
		{name: "ordinary", cell: "2026-06-01 09:30", want: time.Date(2026, 6, 1, 9, 30, 0, 0, berlin)},
		{name: "with seconds", cell: "2026-06-01T09:30:15", want: time.Date(2026, 6, 1, 9, 30, 15, 0, berlin)},
		{name: "in the spring gap", cell: "2026-03-29 02:30",
			problem: "02:30 does not exist on Sun 29 Mar 2026 in Europe/Berlin: the clocks go forward; the nearest valid time is 03:00"},
		{name: "the first minute of the gap", cell: "2026-03-29 02:00", problem: "nearest valid time is 03:00"},
		{name: "just after the gap", cell: "2026-03-29 03:00", want: time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC)},
		{name: "twice in the autumn", cell: "2026-10-25 02:30",
			want:    time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), // 02:30 CEST, the first
			warning: "02:30 happens twice on Sun 25 Oct 2026 in Europe/Berlin: first at 02:30 CEST (UTC+2), then at 02:30 CET (UTC+1); the first was used"},
		{name: "an offset says which", cell: "2026-10-25T02:30:00+01:00", want: time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			input := "company,starts_at,timezone\nAcme," + tc.cell + ",Europe/Berlin\n"
			if tc.problem != "" {
				checkRefusedWallTime(t, input, tc.problem)
			} else {
				checkImportedWallTime(t, input, tc.want, tc.warning)
			}
		})
	}
}

// checkRefusedWallTime imports input, whose line 2 has a starts_at the
// importer must refuse with a message containing problem.
func checkRefusedWallTime(t *testing.T, input, problem string) {
	t.Helper()
	s := seededStore(t)
	rev0 := rev(t, s)
	res, err := s.ImportCSVStream(context.Background(), strings.NewReader(input), nil)
	var ie *ImportError
	if !errors.As(err, &ie) || len(ie.Problems) != 1 {
		t.Fatalf("ImportCSVStream = %+v, %v; want one problem", res, err)
	}
	got := ie.Problems[0]
	if got.Line != 2 || got.Field != "starts_at" || !strings.Contains(got.Msg, problem) {
		t.Errorf("problem = %+v, want line 2 starts_at containing %q", got, problem)
	}
	unchanged(t, s, rev0)
	// ReadCSV refuses it the same way.
	if _, err := ReadCSV(strings.NewReader(input)); !errors.As(err, &ie) || len(ie.Problems) != 1 || ie.Problems[0] != got {
		t.Errorf("ReadCSV = %v, want the same refusal", err)
	}
}

// checkImportedWallTime imports input and finds its one interview stored
// at want, with warning as its one warning ("" for none).
func checkImportedWallTime(t *testing.T, input string, want time.Time, warning string) {
	t.Helper()
	s := openTemp(t)
	res, err := s.ImportCSVStream(context.Background(), strings.NewReader(input), nil)
	if err != nil || res.Added != 1 {
		t.Fatalf("ImportCSVStream = %+v, %v", res, err)
	}
	var wantWarnings []LineProblem
	if warning != "" {
		wantWarnings = []LineProblem{{Line: 2, Field: "starts_at", Msg: warning}}
	}
	if !slices.Equal(res.Warnings, wantWarnings) {
		t.Errorf("warnings = %v, want %v", res.Warnings, wantWarnings)
	}
	ivs, err := s.Interviews(context.Background())
	if err != nil || len(ivs) != 1 {
		t.Fatalf("stored %v, %v", ivs, err)
	}
	if !ivs[0].StartsAt.Equal(want) {
		t.Errorf("stored %v, want %v", ivs[0].StartsAt, want.UTC())
	}
}

func TestImportStreamWarningsAreBounded(t *testing.T) {
	var rows strings.Builder
	for i := range maxKeptProblems + 5 {
		fmt.Fprintf(&rows, "Acme %d,2026-10-25 02:30,Europe/Berlin\n", i)
	}
	input := "company,starts_at,timezone\n" + rows.String()
	s := openTemp(t)
	res, err := s.ImportCSVStream(context.Background(), strings.NewReader(input), nil)
	if err != nil || res.Added != maxKeptProblems+5 {
		t.Fatalf("ImportCSVStream = %d added, %v", res.Added, err)
	}
	if len(res.Warnings) != maxKeptProblems || res.MoreWarnings != 5 {
		t.Errorf("kept %d warnings and counted %d more, want %d and 5", len(res.Warnings), res.MoreWarnings, maxKeptProblems)
	}
}

func TestImportStreamHeaderOnlyWritesNothing(t *testing.T) {
	for _, input := range []string{"company,role\n", "company,role\n,\n\n", "\ufeffcompany\r\n"} {
		s := seededStore(t)
		rev0 := rev(t, s)
		var reports []Progress
		res, err := s.ImportCSVStream(context.Background(), strings.NewReader(input), func(p Progress) { reports = append(reports, p) })
		if err != nil || res.Added != 0 {
			t.Errorf("%q: ImportCSVStream = %+v, %v; want nothing added and no error", input, res, err)
		}
		reports = slices.DeleteFunc(reports, func(p Progress) bool { return p.Checking })
		if len(reports) != 1 || reports[0].Rows != 0 || reports[0].Bytes != int64(len(input)) {
			t.Errorf("%q: progress = %+v, want one report of 0 rows and the whole input", input, reports)
		}
		unchanged(t, s, rev0)
	}
}

func TestImportStreamOnReadOnlyStore(t *testing.T) {
	s := openTemp(t)
	s.readOnly = true // as when the file cannot be written
	_, err := s.ImportCSVStream(context.Background(), strings.NewReader("company\nAcme\n"), nil)
	if !errors.Is(err, ErrReadOnly) || !strings.HasPrefix(err.Error(), "import CSV: ") {
		t.Errorf("err = %v, want ErrReadOnly with context", err)
	}
	// A file with nothing to add needs no writing, as before.
	if n, err := s.ImportCSV(context.Background(), strings.NewReader("company\n")); err != nil || n != 0 {
		t.Errorf("header only on a read-only store = %d, %v", n, err)
	}
}
