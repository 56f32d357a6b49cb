package main

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"time"
	"unicode/utf8"
)

var (
	decimalText = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
	// A time of day as drivers write it: 07:30:00, 07:30:00.5, with an offset for timetz;
	// MySQL's TIME may exceed 24 hours or be negative.
	timeText = regexp.MustCompile(`^-?[0-9]{2,3}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([+-][0-9]{2}(:?[0-9]{2})?)?$`)
	uuidText = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
)

// checkRow returns what is wrong with one row read for q: a struct whose fields are the
// columns in order, or the value of the only column.
func checkRow(row reflect.Value, q *irQuery) []string {
	if !q.rowIsStruct() {
		if p := checkValue(row, q.Columns[0]); p != "" {
			return []string{fmt.Sprintf("column %s: %s", q.Columns[0].Name, p)}
		}
		return nil
	}
	if row.Kind() != reflect.Struct || row.NumField() != len(q.Columns) {
		return []string{fmt.Sprintf("a row is a %s, not a struct of the %d columns", row.Type(), len(q.Columns))}
	}
	var out []string
	for i, c := range q.Columns {
		if p := checkValue(row.Field(i), c); p != "" {
			out = append(out, fmt.Sprintf("column %s (%s %s): %s", c.Name, row.Type().Field(i).Name, row.Field(i).Type(), p))
		}
	}
	return out
}

// checkValue returns what is wrong with v, read for column f ("" when nothing): NULL only
// where the column is nullable, and otherwise a value that fits the column's type.
func checkValue(v reflect.Value, f irField) string {
	inner, null := unwrap(v)
	if null {
		if f.Nullable {
			return ""
		}
		return "NULL in a column the IR says is NOT NULL"
	}
	return checkKind(inner, f.Type)
}

// unwrap returns the value inside a nullable representation (pointer, sql.NullX,
// sql.Null[T], Null<Enum>, pgtype.X), and whether it holds NULL. A nil slice is NULL too:
// json.RawMessage, and []byte and arrays with pgx.
func unwrap(v reflect.Value) (reflect.Value, bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v, true
		}
		return unwrap(v.Elem())
	case reflect.Slice:
		return v, v.IsNil()
	case reflect.Struct:
		valid := v.FieldByName("Valid")
		if !valid.IsValid() || valid.Kind() != reflect.Bool {
			return v, false
		}
		if !valid.Bool() {
			return v, true
		}
		// sql.NullTime, pgtype.Date, pgtype.Timestamp(tz).
		if t := v.FieldByName("Time"); t.IsValid() && t.Type() == timeType {
			return t, false
		}
		// sql.NullString, sql.Null[T], Null<Enum>, pgtype.Text, pgtype.Int8, pgtype.UUID, ...
		if v.NumField() == 2 {
			for i := range 2 {
				if v.Type().Field(i).Name != "Valid" {
					return v.Field(i), false
				}
			}
		}
		// pgtype.Numeric, pgtype.Interval: checked whole.
		return v, false
	}
	return v, false
}

// checkKind returns what is wrong with a non-NULL value of IR type k.
func checkKind(v reflect.Value, k typeKind) string {
	wrong := func() string {
		return fmt.Sprintf("a %s holding %s is not a value of %s", v.Type(), show(v), k)
	}
	switch k.Kind {
	case "bool":
		if v.Kind() != reflect.Bool {
			return wrong()
		}
	case "int":
		return checkInt(v, k)
	case "float":
		if v.Kind() != reflect.Float32 && v.Kind() != reflect.Float64 {
			return wrong()
		}
		if v.Type().Bits() < k.Bits {
			return fmt.Sprintf("%s cannot hold every value of %s", v.Type(), k)
		}
	case "decimal":
		switch {
		case v.Kind() == reflect.String:
			if !decimalText.MatchString(v.String()) {
				return fmt.Sprintf("%q is not a decimal number", v.String())
			}
		case v.Type().Name() == "Numeric":
			if v.FieldByName("NaN").Bool() || v.FieldByName("InfinityModifier").Int() != 0 {
				return "a decimal that is NaN or infinite"
			}
		default:
			return wrong()
		}
	case "string", "set", "other":
		if v.Kind() != reflect.String {
			return wrong()
		}
		if !utf8.ValidString(v.String()) {
			return fmt.Sprintf("%q is not UTF-8", v.String())
		}
	case "bytes":
		if v.Kind() != reflect.Slice || v.Type().Elem().Kind() != reflect.Uint8 {
			return wrong()
		}
	case "date", "timestamp":
		if v.Type() != timeType {
			return wrong()
		}
		if k.Kind == "date" {
			h, m, s := v.Interface().(time.Time).Clock()
			if h != 0 || m != 0 || s != 0 {
				return fmt.Sprintf("the date %s has a time of day", show(v))
			}
		}
	case "time":
		switch {
		case v.Kind() == reflect.String:
			if !timeText.MatchString(v.String()) {
				return fmt.Sprintf("%q is not a time of day", v.String())
			}
		case v.Kind() == reflect.Int64: // pgtype.Time's microseconds since midnight
			if v.Int() < 0 || v.Int() > 24*3600*1e6 {
				return fmt.Sprintf("%d µs is not a time of day", v.Int())
			}
		default:
			return wrong()
		}
	case "interval":
		switch {
		case v.Kind() == reflect.String:
			if v.String() == "" {
				return "an empty interval"
			}
		case v.Type().Name() == "Interval":
		default:
			return wrong()
		}
	case "uuid":
		switch {
		case v.Kind() == reflect.String:
			if !uuidText.MatchString(v.String()) {
				return fmt.Sprintf("%q is not a UUID", v.String())
			}
		case v.Kind() == reflect.Array && v.Len() == 16: // pgtype.UUID's bytes
		default:
			return wrong()
		}
	case "json":
		if v.Kind() != reflect.Slice || v.Type().Elem().Kind() != reflect.Uint8 {
			return wrong()
		}
		if !json.Valid(v.Bytes()) {
			return fmt.Sprintf("%q is not JSON", v.Bytes())
		}
	case "enum":
		if v.Kind() != reflect.String {
			return wrong()
		}
		if !slices.Contains(k.Values, v.String()) {
			return fmt.Sprintf("%q is not a value of enum %s %q", v.String(), k.Name, k.Values)
		}
	case "array":
		return checkArray(v, k)
	default:
		return fmt.Sprintf("unknown IR type %s", k)
	}
	return ""
}

// checkInt checks an integer's Go kind, and its value against the IR's bits and sign.
func checkInt(v reflect.Value, k typeKind) string {
	bits := k.Bits
	if bits <= 0 || bits > 64 {
		bits = 64
	}
	// The Go type holds every value of the column: N unsigned bits need N+1 signed ones.
	need := bits
	if k.Unsigned && bits < 64 {
		need++
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.Type().Bits() < need {
			return fmt.Sprintf("%s cannot hold every value of %s", v.Type(), k)
		}
		i := v.Int()
		if k.Unsigned && i < 0 {
			return fmt.Sprintf("%d is negative, and the column is unsigned", i)
		}
		if !k.Unsigned && bits < 64 && (i < -(1<<(bits-1)) || i >= 1<<(bits-1)) {
			return fmt.Sprintf("%d does not fit %d bits", i, bits)
		}
		if k.Unsigned && bits < 64 && i >= 1<<bits {
			return fmt.Sprintf("%d does not fit %d unsigned bits", i, bits)
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if !k.Unsigned || v.Type().Bits() < bits {
			return fmt.Sprintf("%s cannot hold every value of %s", v.Type(), k)
		}
		u := v.Uint()
		limit := uint64(math.MaxUint64)
		if bits < 64 {
			limit = 1<<bits - 1
		}
		if !k.Unsigned {
			limit >>= 1
		}
		if u > limit {
			return fmt.Sprintf("%d does not fit %s", u, k)
		}
	default:
		return fmt.Sprintf("a %s holding %s is not an integer", v.Type(), show(v))
	}
	return ""
}

// checkArray checks a PostgreSQL array: its text form with database/sql, a slice of
// non-NULL elements with pgx.
func checkArray(v reflect.Value, k typeKind) string {
	switch v.Kind() {
	case reflect.String:
		s := v.String()
		if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
			return fmt.Sprintf("%q is not a PostgreSQL array", s)
		}
	case reflect.Slice:
		if k.Element == nil {
			return ""
		}
		for i := range v.Len() {
			if p := checkKind(v.Index(i), *k.Element); p != "" {
				return fmt.Sprintf("element %d: %s", i, p)
			}
		}
	default:
		return fmt.Sprintf("a %s is not an array", v.Type())
	}
	return ""
}

// show prints a value for a message.
func show(v reflect.Value) string {
	if !v.CanInterface() {
		return v.String()
	}
	s := fmt.Sprintf("%#v", v.Interface())
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}
