package data

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"
)

// Budgets (checked by reading the benchmark output, never asserted):
// Filter over 100k rows ≤ 16 ms (one frame), the first page of a 100k
// database ≤ 300 ms, Sort 100k ≤ ~50 ms, ImportCSV of 10k rows ≤ 1 s.
// The import's memory budget (a million rows in ≤ 250 MB resident) needs a
// process of its own to measure: bench/importmem, also run by make bench.

func benchSizes() []int { return []int{1_000, 10_000, 100_000} }

// pageSize is about two screens of table rows.
const pageSize = 200

// benchInterviews makes n varied, valid interviews with IDs 1..n; the same
// n and seed always give the same rows.
func benchInterviews(n int, seed uint64) []Interview {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	companies := []string{"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises", "Soylent", "Tyrell", "Cyberdyne"}
	roles := []string{"Backend engineer", "Frontend developer", "Data analyst", "Product manager", "Designer", "SRE", "QA lead"}
	names := []string{"Ana Roe", "Bo Chen", "Çağla Yıldız", "Dev Patel", "Eve Ng", "Femi Ade", "", "Greta Berg"}
	zones := []string{"", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC"}
	statuses := Statuses()
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]Interview, n)
	for i := range out {
		name := names[rng.IntN(len(names))]
		iv := Interview{
			ID:          int64(i + 1),
			Company:     fmt.Sprintf("%s %d", companies[rng.IntN(len(companies))], i),
			Role:        roles[rng.IntN(len(roles))],
			ContactName: name,
			TimeZone:    zones[rng.IntN(len(zones))],
			Status:      statuses[rng.IntN(len(statuses))],
			Notes:       fmt.Sprintf("Round %d; ask about team size, remote policy and the on-call rota.", rng.IntN(5)),
		}
		if name != "" {
			iv.ContactEmail = fmt.Sprintf("recruiter%d@example.com", rng.IntN(10_000))
		}
		if rng.IntN(10) > 0 {
			iv.StartsAt = base.Add(time.Duration(rng.IntN(2*365*24*60)) * time.Minute)
		}
		out[i] = iv
	}
	return out
}

// seedStore writes a database of n interviews once and returns its path.
func seedStore(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), fmt.Sprintf("bench-%d.db", n))
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ivs := benchInterviews(n, 1)
	ptrs := make([]*Interview, len(ivs))
	for i := range ivs {
		ivs[i].ID = 0
		ptrs[i] = &ivs[i]
	}
	if err := s.CreateInterviews(context.Background(), ptrs); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkLoad measures reading the tracker from a real SQLite file: the
// whole table (all) and the first screenful (page).
func BenchmarkLoad(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes() {
		path := seedStore(b, n)
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("all/%d", n), func(b *testing.B) {
			for b.Loop() {
				ivs, err := s.Interviews(ctx)
				if err != nil || len(ivs) != n {
					b.Fatalf("Interviews = %d rows, %v", len(ivs), err)
				}
			}
		})
		b.Run(fmt.Sprintf("page/%d", n), func(b *testing.B) {
			for b.Loop() {
				ivs, err := s.InterviewsPage(ctx, pageSize)
				if err != nil || len(ivs) != pageSize {
					b.Fatalf("InterviewsPage = %d rows, %v", len(ivs), err)
				}
			}
		})
		b.Run(fmt.Sprintf("table/%d", n), func(b *testing.B) {
			ivs, err := s.Interviews(ctx)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				NewTable(ivs)
			}
		})
		s.Close()
	}
}

func BenchmarkSort(b *testing.B) {
	for _, n := range benchSizes() {
		t := NewTable(benchInterviews(n, 2))
		for _, col := range []Column{ColCompany, ColWhen, ColStatus} {
			b.Run(fmt.Sprintf("%v/%d", col, n), func(b *testing.B) {
				desc := false
				for b.Loop() {
					// Alternating direction makes every run do real work.
					desc = !desc
					t.Sort(col, desc)
				}
			})
		}
	}
}

func BenchmarkFilter(b *testing.B) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	queries := map[string]Query{
		"text":     {Text: "globex engineer"},
		"miss":     {Text: "zzzz"},
		"status":   {Status: StatusOffer, Text: "remote"},
		"upcoming": {UpcomingWithin: 30 * 24 * time.Hour, Now: now},
	}
	for _, n := range benchSizes() {
		t := NewTable(benchInterviews(n, 3))
		for _, name := range []string{"text", "miss", "status", "upcoming"} {
			q := queries[name]
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				for b.Loop() {
					t.Filter(q)
				}
			})
		}
	}
}

func BenchmarkImportCSV10k(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, benchInterviews(10_000, 4)); err != nil {
		b.Fatal(err)
	}
	input := buf.Bytes()
	dir := b.TempDir()
	ctx := context.Background()
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		s, err := Open(filepath.Join(dir, fmt.Sprintf("import-%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		n, err := s.ImportCSV(ctx, bytes.NewReader(input))
		if err != nil || n != 10_000 {
			b.Fatalf("ImportCSV = %d, %v", n, err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkLinkAfterUpgrade measures the one pass an upgrade to schema 7
// makes: every interview of a database linked to a company and its
// contacts, as the first open after the upgrade does it.
func BenchmarkLinkAfterUpgrade(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s, err := Open(seedStore(b, n))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			ctx := context.Background()
			for b.Loop() {
				b.StopTimer()
				// As an upgraded file is: interviews, no companies yet.
				if _, err := s.db.ExecContext(ctx, `DELETE FROM interview_contacts; DELETE FROM contacts;
					UPDATE interviews SET company_id = NULL, contacts_linked = 0; DELETE FROM companies;`); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if err := s.linkPending(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
