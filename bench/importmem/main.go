// Command importmem checks that a CSV import runs in bounded memory. It
// writes -rows generated interviews to a CSV file, imports that file into a
// fresh database in a child process (so nothing the generator allocated is
// counted), and compares the child's peak resident memory with -max-rss-mb:
// VmHWM from /proc/self/status, read by the child after the import, or
// where there is no /proc the child's rusage (which on Linux can include
// the parent's memory at the fork, so it is only an upper bound). It exits
// 1 when the budget is missed or the import did not add every row.
//
//	go run ./bench/importmem -rows 1000000 -max-rss-mb 250
//
// -readall imports the old way, ReadCSV and then CreateInterviews with the
// whole file in memory, for comparison (it has no budget).
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"bridgekeeper/data"
)

// childEnv names the CSV file a child process imports; the database goes
// beside it.
const childEnv = "BRIDGEKEEPER_IMPORTMEM_CSV"

func main() {
	rows := flag.Int("rows", 1_000_000, "how many interviews to generate and import")
	budget := flag.Float64("max-rss-mb", 250, "peak resident memory budget of the import, in MB (10^6 bytes)")
	readAll := flag.Bool("readall", false, "import with ReadCSV and CreateInterviews instead of the stream (no budget)")
	flag.Parse()

	if path := os.Getenv(childEnv); path != "" {
		if err := importFile(path, *readAll); err != nil {
			fmt.Fprintln(os.Stderr, "importmem child:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*rows, *budget, *readAll); err != nil {
		fmt.Fprintln(os.Stderr, "importmem:", err)
		os.Exit(1)
	}
}

// errOverBudget marks a measured run that missed its budget.
var errOverBudget = errors.New("over budget")

func run(rows int, budget float64, readAll bool) error {
	dir, err := os.MkdirTemp("", "importmem-")
	if err != nil {
		return fmt.Errorf("temp folder: %w", err)
	}
	defer os.RemoveAll(dir)
	csvPath := filepath.Join(dir, "interviews.csv")
	size, err := writeCSV(csvPath, rows)
	if err != nil {
		return err
	}

	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find this program: %w", err)
	}
	args := []string{}
	if readAll {
		args = append(args, "-readall")
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), childEnv+"="+csvPath)
	cmd.Stderr = os.Stderr
	start := time.Now()
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("import child: %w", err)
	}
	took := time.Since(start)
	var added int
	var peak float64
	if _, err := fmt.Sscan(string(out), &added, &peak); err != nil || added != rows {
		return fmt.Errorf("the import reported %q, want %d rows added", strings.TrimSpace(string(out)), rows)
	}
	if peak == 0 {
		peak = maxRSS(cmd.ProcessState)
	}
	how := "stream"
	if readAll {
		how = "ReadCSV+CreateInterviews"
	}
	fmt.Printf("import %d rows (%.0f MB of CSV, %s) in %.1f s\n", rows, float64(size)/1e6, how, took.Seconds())
	name := fmt.Sprintf("ImportCSVStream/%d peak RSS", rows)
	if readAll {
		name = fmt.Sprintf("ReadCSV+CreateInterviews/%d peak RSS", rows)
	}
	switch {
	case readAll:
		fmt.Printf("%-44s %8.1f MB (no budget)\n", name, peak/1e6)
	case peak > budget*1e6:
		fmt.Printf("BUDGET %-44s %8.1f MB <= %-6.0f MB OVER BUDGET\n", name, peak/1e6, budget)
		return errOverBudget
	default:
		fmt.Printf("BUDGET %-44s %8.1f MB <= %-6.0f MB ok\n", name, peak/1e6, budget)
	}
	return nil
}

// maxRSS is a finished child's peak resident memory in bytes.
func maxRSS(ps *os.ProcessState) float64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	// macOS reports bytes; Linux and the BSDs report KiB.
	if runtime.GOOS == "darwin" {
		return float64(ru.Maxrss)
	}
	return float64(ru.Maxrss) * 1024
}

// importFile is the child's work: import path into a new database beside
// it and print how many interviews were added and its peak memory.
func importFile(path string, readAll bool) error {
	s, err := data.Open(filepath.Join(filepath.Dir(path), "import.db"))
	if err != nil {
		return err
	}
	defer s.Close()
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	ctx := context.Background()
	var added int
	if readAll {
		ivs, err := data.ReadCSV(f)
		if err != nil {
			return err
		}
		if err := s.CreateInterviews(ctx, ivs); err != nil {
			return err
		}
		added = len(ivs)
	} else {
		added, err = s.ImportCSV(ctx, f)
		if err != nil {
			return err
		}
	}
	fmt.Println(added, peakRSS())
	return nil
}

// peakRSS is this process's peak resident memory in bytes (VmHWM), or 0
// where /proc cannot tell.
func peakRSS() float64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}

// writeCSV writes rows varied, valid interviews as WriteCSV does, a chunk
// at a time so the generator itself stays small, and returns the file size.
func writeCSV(path string, rows int) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, fmt.Errorf("create %s: %w", path, err)
	}
	defer f.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	const chunk = 10_000
	var buf bytes.Buffer
	for done := 0; done < rows; done += chunk {
		buf.Reset()
		if err := data.WriteCSV(&buf, interviews(rng, done, min(chunk, rows-done))); err != nil {
			return 0, err
		}
		b := buf.Bytes()
		if done > 0 {
			// Every chunk but the first loses its header row.
			b = b[bytes.IndexByte(b, '\n')+1:]
		}
		if _, err := f.Write(b); err != nil {
			return 0, fmt.Errorf("write %s: %w", path, err)
		}
	}
	info, err := f.Stat()
	if err != nil {
		return 0, fmt.Errorf("stat %s: %w", path, err)
	}
	return info.Size(), f.Close()
}

// interviews makes n interviews like a long job search: varied companies,
// roles, zones and statuses, most with a date and a short note.
func interviews(rng *rand.Rand, from, n int) []data.Interview {
	companies := []string{"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises", "Soylent", "Tyrell", "Cyberdyne"}
	roles := []string{"Backend engineer", "Frontend developer", "Data analyst", "Product manager", "Designer", "SRE", "QA lead"}
	names := []string{"Ana Roe", "Bo Chen", "Çağla Yıldız", "Dev Patel", "Eve Ng", "Femi Ade", "", "Greta Berg"}
	zones := []string{"", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC"}
	statuses := data.Statuses()
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]data.Interview, n)
	for i := range out {
		iv := data.Interview{
			Company:     fmt.Sprintf("%s %d", companies[rng.IntN(len(companies))], from+i),
			Role:        roles[rng.IntN(len(roles))],
			ContactName: names[rng.IntN(len(names))],
			TimeZone:    zones[rng.IntN(len(zones))],
			Status:      statuses[rng.IntN(len(statuses))],
			Notes:       fmt.Sprintf("Round %d; ask about team size, remote policy and the on-call rota.", rng.IntN(5)),
		}
		if iv.ContactName != "" {
			iv.ContactEmail = fmt.Sprintf("recruiter%d@example.com", rng.IntN(10_000))
		}
		if rng.IntN(10) > 0 {
			iv.StartsAt = base.Add(time.Duration(rng.IntN(2*365*24*60)) * time.Minute)
		}
		out[i] = iv
	}
	return out
}
