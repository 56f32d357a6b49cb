package main

import (
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

var (
	scannerType = reflect.TypeFor[sql.Scanner]()
	timeType    = reflect.TypeFor[time.Time]()
)

// toGo converts a JSON argument of calls.json to t, the Go type the generated code declares
// for a parameter of IR type k. The value is first made what a driver would return for k
// (json.Number -> int64, ISO text -> time.Time, {"$bytes": ...} -> []byte, ...); a type with
// a Scan method (sql.NullString, sql.Null[T], the enums and their Null types, pgtype.*) then
// reads it through Scan, the others are assigned by kind.
func toGo(v any, t reflect.Type, k typeKind) (reflect.Value, error) {
	if v == nil {
		if !nullable(t) {
			return reflect.Value{}, fmt.Errorf("null for %s, which cannot be NULL", t)
		}
		return reflect.Zero(t), nil
	}
	if t.Kind() == reflect.Pointer {
		inner, err := toGo(v, t.Elem(), k)
		if err != nil {
			return reflect.Value{}, err
		}
		p := reflect.New(t.Elem())
		p.Elem().Set(inner)
		return p, nil
	}
	var dv any
	var err error
	switch {
	case k.Kind == "array" && t.Kind() == reflect.Slice && k.Element != nil:
		return toSlice(v, t, *k.Element)
	case k.Kind == "array":
		// A PostgreSQL array with database/sql is its text form.
		dv, err = pgArrayLiteral(v, k)
	default:
		dv, err = driverValue(v, k)
	}
	if err != nil {
		return reflect.Value{}, err
	}
	if reflect.PointerTo(t).Implements(scannerType) {
		p := reflect.New(t)
		if err := p.Interface().(sql.Scanner).Scan(dv); err != nil {
			return reflect.Value{}, fmt.Errorf("%s.Scan(%#v): %w", t, dv, err)
		}
		return p.Elem(), nil
	}
	return assign(dv, t)
}

// toParam converts the JSON argument of parameter p to t, the Go type of its argument or
// field.
func toParam(v any, t reflect.Type, p irParam) (reflect.Value, error) {
	if p.Slice {
		return toSlice(v, t, p.Type)
	}
	return toGo(v, t, p.Type)
}

// toSlice converts a JSON list (a pgx array, or a sqlc.slice list) element by element, each
// element of IR type el.
func toSlice(v any, t reflect.Type, el typeKind) (reflect.Value, error) {
	list, ok := v.([]any)
	if !ok {
		return reflect.Value{}, fmt.Errorf("%s needs a JSON list, not %#v", t, v)
	}
	if t.Kind() != reflect.Slice {
		return reflect.Value{}, fmt.Errorf("a list for %s, which is not a slice", t)
	}
	out := reflect.MakeSlice(t, 0, len(list))
	for i, x := range list {
		e, err := toGo(x, t.Elem(), el)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("element %d: %w", i, err)
		}
		out = reflect.Append(out, e)
	}
	return out, nil
}

// nullable tells whether the zero value of t is NULL to the drivers.
func nullable(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Interface, reflect.Map:
		return true
	case reflect.Struct:
		f, ok := t.FieldByName("Valid")
		return ok && f.Type.Kind() == reflect.Bool
	}
	return false
}

// driverValue is the JSON value as a driver would return a value of k.
func driverValue(v any, k typeKind) (any, error) {
	switch k.Kind {
	case "bool":
		b, ok := v.(bool)
		if !ok {
			return nil, fmt.Errorf("want a JSON boolean, got %#v", v)
		}
		return b, nil
	case "int":
		n, ok := v.(json.Number)
		if !ok {
			return nil, fmt.Errorf("want a JSON integer, got %#v", v)
		}
		if i, err := strconv.ParseInt(n.String(), 10, 64); err == nil {
			return i, nil
		}
		u, err := strconv.ParseUint(n.String(), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("want a 64-bit integer, got %s", n)
		}
		return u, nil
	case "float":
		n, ok := v.(json.Number)
		if !ok {
			return nil, fmt.Errorf("want a JSON number, got %#v", v)
		}
		return n.Float64()
	case "bytes":
		return jsonBytes(v)
	case "date":
		return jsonTime(v, true)
	case "timestamp":
		return jsonTime(v, false)
	case "json":
		// The value itself is the JSON document; numbers kept as written.
		return json.Marshal(v)
	}
	// decimal, string, time, interval, uuid, enum, set, other: text.
	switch x := v.(type) {
	case string:
		return x, nil
	case json.Number:
		return x.String(), nil
	}
	return nil, fmt.Errorf("want a JSON string for %s, got %#v", k.Kind, v)
}

// assign sets a value of a type without Scan from a driver value.
func assign(dv any, t reflect.Type) (reflect.Value, error) {
	out := reflect.New(t).Elem()
	fail := func() (reflect.Value, error) {
		return reflect.Value{}, fmt.Errorf("cannot convert %#v to %s", dv, t)
	}
	switch t.Kind() {
	case reflect.Bool:
		b, ok := dv.(bool)
		if !ok {
			return fail()
		}
		out.SetBool(b)
	case reflect.String:
		s, ok := dv.(string)
		if !ok {
			return fail()
		}
		out.SetString(s)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, ok := dv.(int64)
		if !ok || out.OverflowInt(i) {
			return fail()
		}
		out.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		var u uint64
		switch x := dv.(type) {
		case int64:
			if x < 0 {
				return fail()
			}
			u = uint64(x)
		case uint64:
			u = x
		default:
			return fail()
		}
		if out.OverflowUint(u) {
			return fail()
		}
		out.SetUint(u)
	case reflect.Float32, reflect.Float64:
		f, ok := dv.(float64)
		if !ok {
			return fail()
		}
		out.SetFloat(f)
	case reflect.Slice:
		b, ok := dv.([]byte)
		if !ok || t.Elem().Kind() != reflect.Uint8 {
			return fail()
		}
		out.SetBytes(b)
	case reflect.Struct:
		tm, ok := dv.(time.Time)
		if !ok || t != timeType {
			return fail()
		}
		out.Set(reflect.ValueOf(tm))
	default:
		return fail()
	}
	return out, nil
}

// jsonBytes decodes {"$bytes": "<base64>"}.
func jsonBytes(v any) ([]byte, error) {
	m, ok := v.(map[string]any)
	s, isString := m["$bytes"].(string)
	if !ok || !isString {
		return nil, fmt.Errorf(`want {"$bytes": base64}, got %#v`, v)
	}
	return base64.StdEncoding.DecodeString(s)
}

// jsonTime parses a date (2024-03-01) or a timestamp, with an offset
// (2024-03-16T08:00:00+00:00) or naive (read as UTC). Every time is sent in UTC: MySQL
// sessions run in UTC, and an instant is the same instant in any zone.
func jsonTime(v any, date bool) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, fmt.Errorf("want an ISO-8601 string, got %#v", v)
	}
	layouts := []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999"}
	if date {
		layouts = []string{time.DateOnly}
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not an ISO-8601 date or timestamp", s)
}

// pgArrayLiteral writes a JSON list as a PostgreSQL array literal: {1,2,3}, {"a","b c"}.
func pgArrayLiteral(v any, k typeKind) (string, error) {
	list, ok := v.([]any)
	if !ok {
		return "", fmt.Errorf("want a JSON list for an array, got %#v", v)
	}
	parts := make([]string, 0, len(list))
	for _, x := range list {
		switch e := x.(type) {
		case nil:
			parts = append(parts, "NULL")
		case json.Number:
			parts = append(parts, e.String())
		case bool:
			parts = append(parts, strconv.FormatBool(e))
		case string:
			r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
			parts = append(parts, `"`+r.Replace(e)+`"`)
		default:
			return "", fmt.Errorf("cannot write %#v in an array of %s", x, k)
		}
	}
	return "{" + strings.Join(parts, ",") + "}", nil
}
