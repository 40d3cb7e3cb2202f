// Command startup measures how long Bridgekeeper takes to map its window and
// how much memory it holds, next to the bare Fyne window in ../bare, under a
// private Xvfb. Runs alternate between the two programs so that machine
// noise falls on both alike; medians and ratios are printed with budgets,
// and the exit status is 1 when a budget is missed.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"bridgekeeper/data"
)

func main() {
	app := flag.String("app", "./bridgekeeper", "Bridgekeeper binary")
	bare := flag.String("bare", "./bench-bare", "bare Fyne window binary")
	runs := flag.Int("runs", 7, "runs of each program")
	rows := flag.Int("rows", 1000, "interviews in the seeded database")
	settle := flag.Duration("settle", 2*time.Second, "time after mapping before reading peak memory")
	scale := flag.Int("scale", 0, "instead, time the first rows on screen and hold memory with this many interviews")
	flag.Parse()
	var err error
	if *scale > 0 {
		err = runScale(*app, *bare, *runs, *scale, *settle)
	} else {
		err = run(*app, *bare, *runs, *rows, *settle)
	}
	switch {
	case errors.Is(err, errOverBudget):
		os.Exit(1)
	case err != nil:
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(2)
	}
}

// errOverBudget is returned, rather than exiting on the spot, so that the
// Xvfb and the temporary folder are cleaned up first.
var errOverBudget = errors.New("over budget")

type sample struct {
	seconds float64
	peakMB  float64
	rssMB   float64 // resident once settled
}

// bench is what every run shares: a seeded database in a temporary home,
// a private Xvfb and the watch on its windows.
type bench struct {
	tmp, db, display string
	maps             <-chan mapped
	cleanup          []func()
}

// newBench seeds rows interviews and starts the display; close undoes it.
func newBench(rows int) (*bench, error) {
	b := &bench{}
	tmp, err := os.MkdirTemp("", "bk-startup-")
	if err != nil {
		return nil, err
	}
	b.tmp, b.db = tmp, filepath.Join(tmp, "seeded.db")
	b.cleanup = append(b.cleanup, func() { os.RemoveAll(tmp) })
	if err := seed(b.db, rows); err != nil {
		b.close()
		return nil, fmt.Errorf("seed: %w", err)
	}
	display, stop, err := startXvfb()
	if err != nil {
		b.close()
		return nil, err
	}
	b.display = display
	b.cleanup = append(b.cleanup, stop)
	maps, unwatch, err := watchMaps(display)
	if err != nil {
		b.close()
		return nil, err
	}
	b.maps = maps
	b.cleanup = append(b.cleanup, unwatch)
	return b, nil
}

func (b *bench) close() {
	for i := len(b.cleanup) - 1; i >= 0; i-- {
		b.cleanup[i]()
	}
}

func run(appBin, bareBin string, runs, rows int, settle time.Duration) error {
	b, err := newBench(rows)
	if err != nil {
		return err
	}
	defer b.close()
	tmp, db, display, maps := b.tmp, b.db, b.display, b.maps

	var appS, bareS []sample
	for i := 0; i < runs; i++ {
		// Alternate which goes first, so neither always runs on a warmer cache.
		order := []string{"app", "bare"}
		if i%2 == 1 {
			order = []string{"bare", "app"}
		}
		for _, which := range order {
			var s sample
			var err error
			// A run whose window never appears (Xvfb under load now and
			// then) is tried once more before the measurement gives up.
			for try := 0; try < 2; try++ {
				if which == "app" {
					s, err = measure(display, maps, tmp, "Bridgekeeper", settle, appBin, "--db", db)
				} else {
					s, err = measure(display, maps, tmp, "Bare", settle, bareBin)
				}
				if err == nil {
					break
				}
				fmt.Fprintf(os.Stderr, "startup: %s run %d: %v; trying again\n", which, i+1, err)
			}
			if which == "app" {
				appS = append(appS, s)
			} else {
				bareS = append(bareS, s)
			}
			if err != nil {
				return fmt.Errorf("%s run %d: %w", which, i+1, err)
			}
		}
	}
	at, am := medians(appS)
	bt, bm := medians(bareS)
	host, _ := os.Hostname()
	fmt.Printf("start-up under Xvfb, %d runs each, database of %d interviews (%s, %d cores)\n", runs, rows, host, numCPU())
	fmt.Printf("%-34s %10s %10s\n", "", "Bridgekeeper", "bare Fyne")
	fmt.Printf("%-34s %10.3f %10.3f\n", "window mapped after (s, median)", at, bt)
	fmt.Printf("%-34s %10.1f %10.1f\n", "peak resident memory (MB, median)", am, bm)
	fmt.Printf("every run (s): Bridgekeeper %s\n", spread(appS))
	fmt.Printf("every run (s): bare Fyne    %s\n", spread(bareS))
	ok := true
	check := func(name string, got, budget float64, unit string) {
		verdict := "ok"
		if got > budget {
			verdict = "OVER BUDGET"
			ok = false
		}
		fmt.Printf("BUDGET %-28s %8.3f %-3s <= %8.3f %-3s %s\n", name, got, unit, budget, unit, verdict)
	}
	check("start-up", at, 1.5*bt, "s")
	check("peak memory", am, 1.3*bm+40, "MB")
	fmt.Printf("ratio start-up %.2f×, memory %.2f×\n", at/bt, am/bm)
	if !ok {
		return errOverBudget
	}
	return nil
}

func seed(path string, n int) error {
	s, err := data.Open(path)
	if err != nil {
		return err
	}
	defer s.Close()
	start := time.Now().Add(-30 * 24 * time.Hour).Truncate(time.Hour)
	statuses := data.Statuses()
	batch := make([]*data.Interview, n)
	for i := range batch {
		batch[i] = &data.Interview{
			Company:      fmt.Sprintf("Company %04d", i),
			Role:         []string{"Backend engineer", "Designer", "Product manager", "Analyst"}[i%4],
			ContactName:  fmt.Sprintf("Recruiter %d", i%97),
			ContactEmail: fmt.Sprintf("r%d@example.com", i%97),
			StartsAt:     start.Add(time.Duration(i) * 3 * time.Hour),
			TimeZone:     "Europe/London",
			Status:       statuses[i%len(statuses)],
			Notes:        "Seeded for the start-up benchmark",
		}
	}
	return s.CreateInterviews(context.Background(), batch)
}

func startXvfb() (string, func(), error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", nil, err
	}
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		return "", nil, fmt.Errorf("start Xvfb: %w", err)
	}
	w.Close()
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		x.Process.Kill()
		return "", nil, fmt.Errorf("no display from Xvfb: %w", err)
	}
	return ":" + strings.TrimSpace(line), func() { x.Process.Kill(); x.Wait() }, nil
}

// measure starts one program, waits for the X server to report its window
// mapped, then lets it settle and reads its peak RSS.
func measure(display string, maps <-chan mapped, home, title string, settle time.Duration, bin string, args ...string) (sample, error) {
	// A window from an earlier run that was still closing is not this one.
	for len(maps) > 0 {
		<-maps
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+home)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	begin := time.Now()
	if err := cmd.Start(); err != nil {
		return sample{}, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		cmd.Process.Kill()
		<-exited
	}()
	timeout := time.After(60 * time.Second)
	var seconds float64
	for seconds == 0 {
		select {
		case m, open := <-maps:
			if !open {
				return sample{}, fmt.Errorf("lost the connection to %s", display)
			}
			if m.title == title {
				seconds = m.at.Sub(begin).Seconds()
			}
		case err := <-exited:
			exited <- err
			return sample{}, fmt.Errorf("exited before its window appeared (%v); stderr: %q", err, stderr.String())
		case <-timeout:
			return sample{}, fmt.Errorf("no %q window within 60 s; stderr: %q", title, stderr.String())
		}
	}
	time.Sleep(settle)
	peak, err := peakRSS(cmd.Process.Pid)
	if err != nil {
		return sample{}, err
	}
	rss, err := residentMB(cmd.Process.Pid)
	if err != nil {
		return sample{}, err
	}
	return sample{seconds: seconds, peakMB: peak, rssMB: rss}, nil
}

func peakRSS(pid int) (float64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024, err
		}
	}
	return 0, fmt.Errorf("no VmHWM for pid %d", pid)
}

func medians(ss []sample) (float64, float64) {
	t := make([]float64, len(ss))
	m := make([]float64, len(ss))
	for i, s := range ss {
		t[i], m[i] = s.seconds, s.peakMB
	}
	return median(t), median(m)
}

// spread lists the runs' times, shortest first, so that a median can be
// read against the noise around it.
func spread(ss []sample) string {
	t := make([]float64, len(ss))
	for i, s := range ss {
		t[i] = s.seconds
	}
	sort.Float64s(t)
	parts := make([]string, len(t))
	for i, v := range t {
		parts[i] = fmt.Sprintf("%.3f", v)
	}
	return strings.Join(parts, " ")
}

func median(v []float64) float64 {
	sort.Float64s(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

func numCPU() int {
	out, err := exec.Command("nproc").Output()
	if err != nil {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimSpace(string(out)))
	return n
}
