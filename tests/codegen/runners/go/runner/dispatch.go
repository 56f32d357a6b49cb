package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/jackc/pgx/v5"
)

var (
	contextType = reflect.TypeFor[context.Context]()
	errorType   = reflect.TypeFor[error]()
)

// outcome is what one call returned: its rows, and the count to compare with `rows` when
// the command gives one.
type outcome struct {
	rows    []reflect.Value
	count   int64
	counted bool
}

// method finds the generated method of a query on *Queries: the query's name itself (the
// backend's PascalCase of a PascalCase name), else the one whose name matches it ignoring
// case and underscores.
func method(queries reflect.Value, name string) (reflect.Value, error) {
	if m := queries.MethodByName(name); m.IsValid() {
		return m, nil
	}
	norm := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "")) }
	t := queries.Type()
	for i := range t.NumMethod() {
		if norm(t.Method(i).Name) == norm(name) {
			return queries.Method(i), nil
		}
	}
	return reflect.Value{}, fmt.Errorf("no method %s on %s", name, t)
}

// arguments builds the arguments after ctx: nothing, the one parameter, a <Name>Params
// struct, or for :copyfrom and the batch commands a slice of those, one per argument list.
func arguments(mt reflect.Type, q *irQuery, c call, pkg string) ([]reflect.Value, error) {
	if mt.NumIn() == 0 || mt.In(0) != contextType {
		return nil, fmt.Errorf("%s does not take a context.Context first", mt)
	}
	if mt.NumIn() == 1 {
		if len(q.Params) != 0 || len(c.Args) != 0 {
			return nil, fmt.Errorf("%s takes no arguments, the IR has %d parameters and the call %d arguments", mt, len(q.Params), len(c.Args))
		}
		return nil, nil
	}
	if mt.NumIn() != 2 {
		return nil, fmt.Errorf("%s takes more than one argument after ctx", mt)
	}
	t := mt.In(1)
	switch q.command() {
	case "copyfrom", "batchexec", "batchone", "batchmany":
		if t.Kind() != reflect.Slice {
			return nil, fmt.Errorf(":%s takes a %s, not a slice", q.command(), t)
		}
		list := reflect.MakeSlice(t, 0, len(c.Args))
		for i, a := range c.Args {
			values, ok := a.([]any)
			if !ok {
				return nil, fmt.Errorf("argument list %d is not a JSON list: %#v", i, a)
			}
			item, err := item(t.Elem(), q, values, pkg)
			if err != nil {
				return nil, fmt.Errorf("argument list %d: %w", i, err)
			}
			list = reflect.Append(list, item)
		}
		return []reflect.Value{list}, nil
	}
	v, err := item(t, q, c.Args, pkg)
	if err != nil {
		return nil, err
	}
	return []reflect.Value{v}, nil
}

// item converts one list of JSON arguments: a <Name>Params struct of the generated package
// with one field per parameter in order, or the value of the only parameter.
func item(t reflect.Type, q *irQuery, values []any, pkg string) (reflect.Value, error) {
	if len(values) != len(q.Params) {
		return reflect.Value{}, fmt.Errorf("%d arguments for %d parameters", len(values), len(q.Params))
	}
	if t.Kind() == reflect.Struct && t.PkgPath() == pkg && strings.HasSuffix(t.Name(), "Params") {
		if t.NumField() != len(q.Params) {
			return reflect.Value{}, fmt.Errorf("%s has %d fields for %d parameters", t, t.NumField(), len(q.Params))
		}
		s := reflect.New(t).Elem()
		for i, p := range q.Params {
			v, err := toParam(values[i], t.Field(i).Type, p)
			if err != nil {
				return reflect.Value{}, fmt.Errorf("parameter %s (%s.%s): %w", p.Name, t.Name(), t.Field(i).Name, err)
			}
			s.Field(i).Set(v)
		}
		return s, nil
	}
	if len(q.Params) != 1 {
		return reflect.Value{}, fmt.Errorf("%s is not a Params struct of the %d parameters", t, len(q.Params))
	}
	v, err := toParam(values[0], t, q.Params[0])
	if err != nil {
		return reflect.Value{}, fmt.Errorf("parameter %s: %w", q.Params[0].Name, err)
	}
	return v, nil
}

// noRows tells an error that means "no row" (database/sql's or pgx's).
func noRows(err error) bool {
	return errors.Is(err, sql.ErrNoRows) || errors.Is(err, pgx.ErrNoRows)
}

// asError is the error in v (an `error` result), nil for none.
func asError(v reflect.Value) error {
	if v.Kind() != reflect.Interface || v.IsNil() {
		return nil
	}
	err, _ := v.Interface().(error)
	return err
}

// collect reads what a method returned for its command. The shapes are the Go backend's
// (see core/codegen/src/go/mod.rs): with pgx the batch commands return a *<Name>BatchResults
// read back through a callback per item.
func collect(q *irQuery, out []reflect.Value) (outcome, error) {
	if len(out) == 0 || out[len(out)-1].Type() != errorType {
		if q.command() == "batchexec" || q.command() == "batchone" || q.command() == "batchmany" {
			return batchResults(q, out)
		}
		return outcome{}, fmt.Errorf("the method does not return an error last")
	}
	err := asError(out[len(out)-1])
	if q.command() == "one" && noRows(err) {
		return outcome{counted: true}, nil
	}
	if err != nil {
		return outcome{}, err
	}
	var o outcome
	switch q.command() {
	case "one":
		o = outcome{rows: out[:1]}
	case "many":
		o = outcome{rows: elements(out[0])}
	case "batchone":
		// database/sql: []*T, nil for an item without a row.
		for _, r := range elements(out[0]) {
			if r.Kind() != reflect.Pointer {
				return outcome{}, fmt.Errorf(":batchone returned %s, not a slice of pointers", out[0].Type())
			}
			if !r.IsNil() {
				o.rows = append(o.rows, r.Elem())
			}
		}
	case "batchmany":
		for _, rows := range elements(out[0]) {
			o.rows = append(o.rows, elements(rows)...)
		}
	case "execrows", "copyfrom":
		return outcome{count: out[0].Int(), counted: true}, nil
	case "execresult":
		n, err := rowsAffected(out[0])
		return outcome{count: n, counted: true}, err
	case "execlastid":
		if id := out[0].Int(); id <= 0 {
			return outcome{}, fmt.Errorf(":execlastid returned %d", id)
		}
		return outcome{}, nil
	case "exec", "batchexec":
		return outcome{}, nil
	default:
		return outcome{}, fmt.Errorf("unknown command :%s", q.command())
	}
	o.count, o.counted = int64(len(o.rows)), true
	return o, nil
}

// batchResults reads a pgx <Name>BatchResults through Exec, QueryRow or Query.
func batchResults(q *irQuery, out []reflect.Value) (outcome, error) {
	if len(out) != 1 || out[0].Kind() != reflect.Pointer {
		return outcome{}, fmt.Errorf(":%s returned neither an error nor *BatchResults", q.command())
	}
	name := map[string]string{"batchexec": "Exec", "batchone": "QueryRow", "batchmany": "Query"}[q.command()]
	read := out[0].MethodByName(name)
	if !read.IsValid() || read.Type().NumIn() != 1 || read.Type().In(0).Kind() != reflect.Func {
		return outcome{}, fmt.Errorf("%s has no method %s(func(...))", out[0].Type(), name)
	}
	var o outcome
	var errs []string
	f := reflect.MakeFunc(read.Type().In(0), func(args []reflect.Value) []reflect.Value {
		n := args[0].Int()
		err := asError(args[len(args)-1])
		switch {
		case q.command() == "batchone" && noRows(err):
		case err != nil:
			errs = append(errs, fmt.Sprintf("item %d: %v", n, err))
		case q.command() == "batchone":
			o.rows = append(o.rows, args[1])
		case q.command() == "batchmany":
			o.rows = append(o.rows, elements(args[1])...)
		}
		return nil
	})
	read.Call([]reflect.Value{f})
	if len(errs) > 0 {
		return outcome{}, errors.New(strings.Join(errs, "; "))
	}
	o.count, o.counted = int64(len(o.rows)), q.command() != "batchexec"
	return o, nil
}

// rowsAffected of a sql.Result ((int64, error)) or a pgconn.CommandTag (int64).
func rowsAffected(v reflect.Value) (int64, error) {
	m := v.MethodByName("RowsAffected")
	if !m.IsValid() {
		return 0, fmt.Errorf(":execresult returned %s, which has no RowsAffected", v.Type())
	}
	out := m.Call(nil)
	if len(out) == 2 {
		if err := asError(out[1]); err != nil {
			return 0, err
		}
	}
	return out[0].Int(), nil
}

// elements of a slice.
func elements(v reflect.Value) []reflect.Value {
	out := make([]reflect.Value, 0, v.Len())
	for i := range v.Len() {
		out = append(out, v.Index(i))
	}
	return out
}
