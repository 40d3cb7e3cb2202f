// Command budget reads `go test -bench` output on standard input, echoes it,
// and then checks named benchmarks against time budgets given as flags, for
// example -b 'BenchmarkFilter/rows=100000=16ms'. It exits 1 when any budget
// is missed or a budgeted benchmark did not run.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

type budgets []string

func (b *budgets) String() string     { return strings.Join(*b, ",") }
func (b *budgets) Set(v string) error { *b = append(*b, v); return nil }

func main() {
	var list budgets
	flag.Var(&list, "b", "NAME=DURATION budget for the benchmark NAME (repeatable)")
	flag.Parse()

	got := map[string]float64{} // ns/op by benchmark name without the -N suffix
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		fmt.Println(line)
		fields := strings.Fields(line)
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		for i := 2; i+1 < len(fields); i++ {
			if fields[i+1] == "ns/op" {
				if ns, err := strconv.ParseFloat(fields[i], 64); err == nil {
					got[trimProcs(fields[0])] = ns
				}
			}
		}
	}
	ok := true
	fmt.Println()
	for _, b := range list {
		i := strings.LastIndex(b, "=")
		if i < 0 {
			fmt.Fprintf(os.Stderr, "budget: %q is not NAME=DURATION\n", b)
			os.Exit(2)
		}
		name := b[:i]
		limit, err := time.ParseDuration(b[i+1:])
		if err != nil {
			fmt.Fprintf(os.Stderr, "budget: %q: %v\n", b, err)
			os.Exit(2)
		}
		ns, ran := got[name]
		switch {
		case !ran:
			fmt.Printf("BUDGET %-44s did not run            MISSING\n", name)
			ok = false
		case ns > float64(limit.Nanoseconds()):
			fmt.Printf("BUDGET %-44s %12s <= %-10s OVER BUDGET\n", name, time.Duration(ns).Round(time.Microsecond/10), limit)
			ok = false
		default:
			fmt.Printf("BUDGET %-44s %12s <= %-10s ok\n", name, time.Duration(ns).Round(time.Microsecond/10), limit)
		}
	}
	if !ok {
		os.Exit(1)
	}
}

// trimProcs drops the "-2" GOMAXPROCS suffix go test appends to names.
func trimProcs(name string) string {
	if i := strings.LastIndex(name, "-"); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			return name[:i]
		}
	}
	return name
}
