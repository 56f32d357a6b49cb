package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
)

// call is one entry of calls.json: a query, its arguments in parameter order (a list of such
// lists for :copyfrom and the batch commands) and, when given, the expected row count.
type call struct {
	Query string `json:"query"`
	Args  []any  `json:"args"`
	Rows  *int64 `json:"rows"`
}

// readCalls reads calls.json, keeping numbers as json.Number so that 64-bit integers and
// decimals stay exact.
func readCalls(path string) ([]call, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var calls []call
	if err := dec.Decode(&calls); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return calls, nil
}
