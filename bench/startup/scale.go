package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"time"
)

// scaleSample is one run of the app on a large database: how long after the
// window mapped the first rows were drawn on the Tracker tab, when every
// row had loaded, and the memory held once it settled.
type scaleSample struct {
	rows, all float64 // seconds after the window mapped
	rssMB     float64
}

// runScale times the first rows on screen against the window mapping and
// compares the memory held with the bare window's, on a database of n
// interviews. The app writes its milestones to stderr (BRIDGEKEEPER_TRACE);
// the harness shows the Tracker with Ctrl+2 the moment the window maps, as
// a user who opens the app to look at the list does.
func runScale(appBin, bareBin string, runs, n int, settle time.Duration) error {
	b, err := newBench(n)
	if err != nil {
		return err
	}
	defer b.close()
	tmp, db, display, maps := b.tmp, b.db, b.display, b.maps
	var app []scaleSample
	var bare []float64
	for i := 0; i < runs; i++ {
		s, err := measureScale(display, maps, tmp, settle, appBin, db)
		if err != nil {
			return fmt.Errorf("app run %d: %w", i+1, err)
		}
		app = append(app, s)
		b, err := measure(display, maps, tmp, "Bare", settle, bareBin)
		if err != nil {
			return fmt.Errorf("bare run %d: %w", i+1, err)
		}
		bare = append(bare, b.rssMB)
	}
	rows, all, rss := make([]float64, runs), make([]float64, runs), make([]float64, runs)
	for i, s := range app {
		rows[i], all[i], rss[i] = s.rows, s.all, s.rssMB
	}
	every := append([]float64(nil), rows...)
	sort.Float64s(every)
	fmt.Printf("%d interviews under Xvfb, %d runs (Tracker shown as the window maps)\n", n, runs)
	fmt.Printf("%-44s %8.3f s (every run: %v)\n", "first rows drawn after the window mapped", median(rows), every)
	fmt.Printf("%-44s %8.3f s\n", "every row loaded after the window mapped", median(all))
	fmt.Printf("%-44s %8.1f MB vs bare window %.1f MB\n", "resident memory once settled", median(rss), median(bare))
	ok := true
	check := func(name string, got, budget float64, unit string) {
		verdict := "ok"
		if got > budget {
			verdict, ok = "OVER BUDGET", false
		}
		fmt.Printf("BUDGET %-28s %8.3f %-3s <= %8.3f %-3s %s\n", name, got, unit, budget, unit, verdict)
	}
	check("first rows on screen", median(rows), 1, "s")
	check("resident memory", median(rss), median(bare)+100, "MB")
	if !ok {
		return errOverBudget
	}
	return nil
}

// measureScale runs the app once on db and reads its milestones.
func measureScale(display string, maps <-chan mapped, home string, settle time.Duration, bin, db string) (scaleSample, error) {
	for len(maps) > 0 {
		<-maps
	}
	cmd := exec.Command(bin, "--db", db)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+home, "BRIDGEKEEPER_TRACE=1")
	pipe, err := cmd.StderrPipe()
	if err != nil {
		return scaleSample{}, err
	}
	if err := cmd.Start(); err != nil {
		return scaleSample{}, err
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	events := make(chan [2]string, 8)
	go func() {
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			if f := strings.Fields(sc.Text()); len(f) == 3 && f[0] == "bridgekeeper-trace" {
				events <- [2]string{f[1], f[2]}
			}
		}
		close(events)
	}()
	var r scaleRun
	timeout := time.After(90 * time.Second)
	for !r.done() {
		select {
		case m := <-maps:
			if err := r.onMap(m, display); err != nil {
				return r.s, err
			}
		case e, open := <-events:
			if !open {
				return r.s, fmt.Errorf("the app exited before every row loaded")
			}
			r.onEvent(e)
		case <-timeout:
			return r.s, fmt.Errorf("no rows within 90 s")
		}
	}
	s := r.s
	time.Sleep(settle)
	s.rssMB, err = residentMB(cmd.Process.Pid)
	return s, err
}

// residentMB is a process's resident memory now (VmRSS).
func residentMB(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024, err
		}
	}
	return 0, fmt.Errorf("no VmRSS for pid %d", pid)
}

// scaleRun follows one run: the window's map, then the app's milestones.
type scaleRun struct {
	s        scaleSample
	mappedAt time.Time
}

func (r *scaleRun) done() bool { return !r.mappedAt.IsZero() && r.s.rows > 0 && r.s.all > 0 }

// onMap notes when the app's window mapped and shows the Tracker at once.
func (r *scaleRun) onMap(m mapped, display string) error {
	if m.title != "Bridgekeeper" || !r.mappedAt.IsZero() {
		return nil
	}
	r.mappedAt = m.at
	key := exec.Command("xdotool", "key", "--window", strconv.FormatUint(uint64(m.window), 10), "ctrl+2")
	key.Env = append(os.Environ(), "DISPLAY="+display)
	if out, err := key.CombinedOutput(); err != nil {
		return fmt.Errorf("xdotool: %v %s", err, out)
	}
	return nil
}

// onEvent places a milestone after the map; one before it cannot happen
// (the tracker draws nothing until the window is up).
func (r *scaleRun) onEvent(e [2]string) {
	ns, _ := strconv.ParseInt(e[1], 10, 64)
	if r.mappedAt.IsZero() {
		return
	}
	after := max(time.Unix(0, ns).Sub(r.mappedAt).Seconds(), 1e-6)
	switch e[0] {
	case "rows-drawn":
		r.s.rows = after
	case "rows-all":
		r.s.all = after
	}
}
