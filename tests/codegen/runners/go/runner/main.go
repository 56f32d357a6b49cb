// Command flashrunner calls every query of a corpus's calls.json through the generated Go
// code of each variant (driver and null style), and checks what comes back against the IR.
//
//	flashrunner --provider P --ir ir.json --calls calls.json --variants variants.json
//
// variants.json lists {name, driver, nulls, url}; each name must have registered its
// generated package (variants.go, written by ../run next to this file in the scratch
// module). Prints one line per failure, `<provider> <query>: <variant> call #N: <what>`, a
// summary per variant on stderr, and exits 1 when anything failed.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"time"
)

// variant is one generated package and the database it runs against (each its own: the
// calls write).
type variant struct {
	Name   string `json:"name"`
	Driver string `json:"driver"`
	Nulls  string `json:"nulls"`
	URL    string `json:"url"`
}

// constructors holds each variant's New, wrapped to take the connection as `any`.
var constructors = map[string]func(conn any) any{}

// register is called by variants.go for each generated package.
func register(name string, newQueries func(conn any) any) {
	constructors[name] = newQueries
}

func main() {
	provider := flag.String("provider", "", "postgresql, mysql or sqlite")
	irPath := flag.String("ir", "", "ir.json")
	callsPath := flag.String("calls", "", "calls.json")
	variantsPath := flag.String("variants", "", "variants.json")
	flag.Parse()

	failures, err := run(*provider, *irPath, *callsPath, *variantsPath)
	if err != nil {
		fmt.Printf("%s runner: %v\n", *provider, err)
		os.Exit(1)
	}
	for _, f := range failures {
		fmt.Println(f)
	}
	if len(failures) > 0 {
		os.Exit(1)
	}
}

func run(provider, irPath, callsPath, variantsPath string) ([]string, error) {
	req, queries, err := readIR(irPath)
	if err != nil {
		return nil, err
	}
	if req.Provider != provider {
		return nil, fmt.Errorf("%s is for %s, not %s", irPath, req.Provider, provider)
	}
	calls, err := readCalls(callsPath)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(variantsPath)
	if err != nil {
		return nil, err
	}
	var variants []variant
	if err := json.Unmarshal(data, &variants); err != nil {
		return nil, fmt.Errorf("%s: %w", variantsPath, err)
	}
	if len(variants) == 0 {
		return nil, fmt.Errorf("no variant to run")
	}
	var failures []string
	for _, v := range variants {
		start := time.Now()
		f, values := runVariant(provider, v, queries, calls)
		fmt.Fprintf(os.Stderr, "go runner: %s %s: %d calls, %d values checked, %d failures (%.1fs)\n",
			provider, v.Name, len(calls), values, len(f), time.Since(start).Seconds())
		failures = append(failures, f...)
	}
	return failures, nil
}

// runVariant makes every call in order on one variant's database; its failures, and the
// number of values it checked.
func runVariant(provider string, v variant, queries map[string]*irQuery, calls []call) ([]string, int) {
	newQueries, ok := constructors[v.Name]
	if !ok {
		return []string{fmt.Sprintf("%s runner: variant %s has no generated package", provider, v.Name)}, 0
	}
	ctx := context.Background()
	conn, err := connect(ctx, provider, v.Driver, v.URL)
	if err != nil {
		return []string{fmt.Sprintf("%s runner: %s: connect: %v", provider, v.Name, err)}, 0
	}
	defer conn.close()
	q := reflect.ValueOf(newQueries(conn.dbtx))
	pkg := q.Type().Elem().PkgPath()
	var failures []string
	values := 0
	for n, c := range calls {
		problems, checked := runCall(ctx, q, pkg, queries[c.Query], c)
		values += checked
		for _, p := range problems {
			failures = append(failures, fmt.Sprintf("%s %s: %s call #%d: %s", provider, c.Query, v.Name, n+1, p))
		}
	}
	return failures, values
}

// maxProblems is the most failure lines one call prints.
const maxProblems = 5

// runCall makes one call through the generated method and checks its result; what is
// wrong, and the number of values checked.
func runCall(ctx context.Context, queries reflect.Value, pkg string, q *irQuery, c call) (problems []string, values int) {
	// A method of an unexpected shape panics in reflect: that is this call's failure.
	defer func() {
		if r := recover(); r != nil {
			problems, values = []string{fmt.Sprintf("panic: %v", r)}, 0
		}
	}()
	if q == nil {
		return []string{"not a query of ir.json"}, 0
	}
	m, err := method(queries, q.name())
	if err != nil {
		return []string{err.Error()}, 0
	}
	args, err := arguments(m.Type(), q, c, pkg)
	if err != nil {
		return []string{"arguments: " + err.Error()}, 0
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	o, err := collect(q, m.Call(append([]reflect.Value{reflect.ValueOf(ctx)}, args...)))
	if err != nil {
		return []string{err.Error()}, 0
	}
	var out []string
	if c.Rows != nil && o.counted && o.count != *c.Rows {
		out = append(out, fmt.Sprintf("%d rows, expected %d", o.count, *c.Rows))
	}
	for i, row := range o.rows {
		for _, p := range checkRow(row, q) {
			out = append(out, fmt.Sprintf("row %d: %s", i, p))
		}
	}
	// A wrong column type fails in every row: the first few tell it.
	if len(out) > maxProblems {
		out = append(out[:maxProblems], fmt.Sprintf("... and %d more", len(out)-maxProblems))
	}
	return out, len(o.rows) * len(q.Columns)
}
