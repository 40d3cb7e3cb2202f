// Command demo writes a database holding a job search that reads like a
// real one (see bench/history), for screenshots and benchmarks:
//
//	go run ./bench/demo -db dist/demo.db -n 60
//
// It refuses to touch a database that exists, unless -fresh (replace it)
// or -add (add to it) is given.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"time"

	"bridgekeeper/bench/history"
	"bridgekeeper/data"
)

func main() {
	path := flag.String("db", "", "the database file to write")
	n := flag.Int("n", 60, "how many interviews")
	seed := flag.Uint64("seed", 1, "the same seed gives the same search")
	fresh := flag.Bool("fresh", false, "replace the database if it exists")
	add := flag.Bool("add", false, "add to the database if it exists")
	flag.Parse()
	if err := run(*path, *n, *seed, *fresh, *add); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run(path string, n int, seed uint64, fresh, add bool) error {
	if path == "" || n < 1 || (fresh && add) {
		return errors.New("usage: demo -db FILE [-n N] [-seed S] [-fresh | -add]")
	}
	if _, err := os.Stat(path); err == nil && !add {
		if !fresh {
			return fmt.Errorf("%s exists (give -fresh to replace it)", path)
		}
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	s, err := data.Open(path)
	if err != nil {
		return err
	}
	start := time.Now()
	if err := history.Seed(context.Background(), s, n, time.Now(), seed); err != nil {
		s.Close()
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	fmt.Printf("demo: %d interviews in %s (%.1f s)\n", n, path, time.Since(start).Seconds())
	return nil
}
