// The Go half of the runtime-overhead benchmark (../README.md): each workload runs through
// the code flash generated and through hand-written calls of the same driver, on a freshly
// truncated database, alternating which goes first, and the medians are compared.
//
//	go run . -driver std|pgx -url postgres://... [-quick] [-rounds N]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"syscall"
	"time"
)

func main() {
	driver := flag.String("driver", "std", "std (database/sql over pgx/v5/stdlib) or pgx (pgx/v5 native)")
	url := flag.String("url", os.Getenv("DATABASE_URL"), "PostgreSQL URL of the scratch database")
	seedPath := flag.String("seed", "../db/seed.sql", "the seed SQL of the read workloads")
	quick := flag.Bool("quick", false, "sizes / 10 and 3 rounds: a sanity pass, not a measurement")
	rounds := flag.Int("rounds", 0, "measured rounds (default 9, or 3 with -quick)")
	flag.Parse()
	if err := run(*driver, *url, *seedPath, *quick, *rounds); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(driver, url, seedPath string, quick bool, rounds int) error {
	ctx := context.Background()
	sz := fullSizes
	if quick {
		sz = sz.scaled(10)
	}
	if rounds <= 0 {
		rounds = 9
		if quick {
			rounds = 3
		}
	}
	seedText, err := os.ReadFile(seedPath)
	if err != nil {
		return err
	}
	seed := seedStatements(string(seedText), sz)

	var b backend
	switch driver {
	case "std":
		b, err = openStd(ctx, url)
	case "pgx":
		b, err = openPgx(ctx, url)
	default:
		return fmt.Errorf("unknown driver %q", driver)
	}
	if err != nil {
		return err
	}
	defer b.close()

	d := makeData(sz)
	ws := workloads(sz, d)
	impls := [2]api{b.hand(), b.generated()}
	times := make([][2][]float64, len(ws))
	cpus := make([][2][]float64, len(ws))
	// Round 0 warms up the connection, the statement caches and the runtime; it is not counted.
	for round := 0; round <= rounds; round++ {
		for wi, w := range ws {
			var sums [2]int64
			for k := 0; k < 2; k++ {
				// Even rounds: hand-written first; odd rounds: generated first.
				which := k
				if round%2 == 1 {
					which = 1 - k
				}
				if err := prepare(ctx, b, w.setup, seed); err != nil {
					return fmt.Errorf("%s: setup: %w", w.name, err)
				}
				cpu0 := cpuMillis()
				start := time.Now()
				sum, err := w.run(ctx, impls[which])
				elapsed := time.Since(start)
				cpu := cpuMillis() - cpu0
				if err != nil {
					return fmt.Errorf("%s (%s): %w", w.name, implName(which), err)
				}
				sums[which] = sum
				if round > 0 {
					times[wi][which] = append(times[wi][which], float64(elapsed.Microseconds())/1000)
					cpus[wi][which] = append(cpus[wi][which], cpu)
				}
			}
			if sums[0] != sums[1] {
				return fmt.Errorf("%s: hand-written and generated code read different data (checksums %d and %d)", w.name, sums[0], sums[1])
			}
		}
	}

	fmt.Printf("\nGo, %s: %d rounds (+1 warm-up), median per workload\n\n", b.label(), rounds)
	fmt.Println("workload | hand-written ms | generated ms | overhead % | per-round overhead % (min .. max) | client CPU ms (hand / generated)")
	fmt.Println("---|---:|---:|---:|---|---")
	for wi, w := range ws {
		hand, gen := median(times[wi][0]), median(times[wi][1])
		lo, hi := pairedRange(times[wi][0], times[wi][1])
		fmt.Printf("%s | %.1f | %.1f | %+.1f | %+.1f .. %+.1f | %.1f / %.1f\n", w.name, hand, gen, 100*(gen-hand)/hand, lo, hi,
			median(cpus[wi][0]), median(cpus[wi][1]))
	}
	return nil
}

func implName(which int) string {
	if which == 0 {
		return "hand-written"
	}
	return "generated"
}

// prepare empties the tables and, as the workload asks, seeds the users or everything.
func prepare(ctx context.Context, b backend, setup setupKind, seed []string) error {
	stmts := []string{"TRUNCATE users, categories, posts, comments RESTART IDENTITY CASCADE"}
	switch setup {
	case seedUsers:
		stmts = append(stmts, seed[0])
	case seedAll:
		stmts = append(stmts, seed...)
	}
	for _, s := range stmts {
		if err := b.exec(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// seedStatements splits seed.sql into statements, sizes filled in, comments dropped.
func seedStatements(text string, sz sizes) []string {
	r := strings.NewReplacer("{users}", fmt.Sprint(sz.users), "{posts}", fmt.Sprint(sz.posts), "{comments}", fmt.Sprint(sz.comments))
	var out []string
	var cur []string
	for _, line := range strings.Split(r.Replace(text), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "--") || strings.TrimSpace(line) == "" {
			continue
		}
		cur = append(cur, line)
		if strings.HasSuffix(strings.TrimSpace(line), ";") {
			out = append(out, strings.TrimSuffix(strings.Join(cur, "\n"), ";"))
			cur = nil
		}
	}
	return out
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// pairedRange is the smallest and largest overhead of one round's pair of runs.
func pairedRange(hand, gen []float64) (float64, float64) {
	lo, hi := 0.0, 0.0
	for i := range hand {
		o := 100 * (gen[i] - hand[i]) / hand[i]
		if i == 0 || o < lo {
			lo = o
		}
		if i == 0 || o > hi {
			hi = o
		}
	}
	return lo, hi
}

// cpuMillis is the CPU time (user + system) the process has used: the client's share of a
// workload, without the server's and the network's (steadier than wall time on a busy machine).
func cpuMillis() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e6
}
