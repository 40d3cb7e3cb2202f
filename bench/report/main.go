//go:build unix

// Command report times the Insights work of the real binary on a large
// search: `stats --json`, a month's work-search log as PDF and the report
// of the whole search, each run -runs times on a database of -n interviews
// with their histories (see bench/history), made once in a temporary
// folder. It prints the median time and the peak resident memory of each,
// and exits 1 when one misses its budget:
//
//	go run ./bench/report -app ./bridgekeeper -n 100000 -report 15s -stats 6s -log 8s -rss-mb 1200
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	"bridgekeeper/bench/history"
	"bridgekeeper/data"
)

// job is one command measured, with its budget.
type job struct {
	name   string
	args   []string
	budget time.Duration
}

func main() {
	app := flag.String("app", "./bridgekeeper", "the binary to time")
	n := flag.Int("n", 100_000, "interviews in the search")
	runs := flag.Int("runs", 3, "runs of each command; the median counts")
	reportBudget := flag.Duration("report", 15*time.Second, "budget for export report")
	statsBudget := flag.Duration("stats", 6*time.Second, "budget for stats --json")
	logBudget := flag.Duration("log", 8*time.Second, "budget for a month's log as PDF")
	rssMB := flag.Int64("rss-mb", 1200, "budget for any command's peak resident memory, in MB")
	flag.Parse()
	if err := run(*app, *n, *runs, *rssMB, *reportBudget, *statsBudget, *logBudget); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

func run(app string, n, runs int, rssMB int64, reportBudget, statsBudget, logBudget time.Duration) error {
	dir, err := os.MkdirTemp("", "bk-report-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db := filepath.Join(dir, "search.db")
	start := time.Now()
	if err := seed(db, n); err != nil {
		return err
	}
	fmt.Printf("report: %d interviews with their histories written in %.1f s\n", n, time.Since(start).Seconds())
	from := time.Now().AddDate(0, -1, 0).Format(time.DateOnly)
	jobs := []job{
		{"stats --json", []string{"--db", db, "stats", "--json"}, statsBudget},
		{"export log (a month, PDF)", []string{"--db", db, "export", "log", "--from", from, "--out", filepath.Join(dir, "log.pdf")}, logBudget},
		{"export report", []string{"--db", db, "export", "report", "--out", filepath.Join(dir, "report.pdf")}, reportBudget},
	}
	var failed []string
	for _, j := range jobs {
		median, peak, err := measure(app, j.args, runs)
		if err != nil {
			return fmt.Errorf("%s: %w", j.name, err)
		}
		verdict := "ok"
		if median > j.budget || peak > rssMB {
			verdict = "OVER BUDGET"
			failed = append(failed, j.name)
		}
		fmt.Printf("report: %-26s median %6.2f s (budget %v), peak %4d MB (budget %d)  %s\n",
			j.name, median.Seconds(), j.budget, peak, rssMB, verdict)
	}
	if len(failed) > 0 {
		return fmt.Errorf("over budget: %v", failed)
	}
	return nil
}

func seed(path string, n int) error {
	s, err := data.Open(path)
	if err != nil {
		return err
	}
	if err := history.Seed(context.Background(), s, n, time.Now(), 1); err != nil {
		s.Close()
		return err
	}
	return s.Close()
}

// measure runs app with args runs times and returns the median wall time
// and the largest peak resident memory, in MB.
func measure(app string, args []string, runs int) (time.Duration, int64, error) {
	var times []time.Duration
	var peak int64
	for range runs {
		cmd := exec.Command(app, args...)
		cmd.Stdout, cmd.Stderr = nil, os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return 0, 0, err
		}
		times = append(times, time.Since(start))
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			// Linux reports Maxrss in KiB.
			peak = max(peak, ru.Maxrss/1024)
		}
	}
	if len(times) == 0 {
		return 0, 0, errors.New("no runs")
	}
	slices.Sort(times)
	return times[len(times)/2], peak, nil
}
