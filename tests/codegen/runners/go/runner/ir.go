package main

import (
	"encoding/json"
	"fmt"
	"os"
)

// request is the part of ir.json (flash_codegen::GenRequest) the runner reads.
type request struct {
	Provider string      `json:"provider"`
	Files    []queryFile `json:"files"`
}

type queryFile struct {
	Path    string    `json:"path"`
	Queries []irQuery `json:"queries"`
}

// irQuery is one analysed query: its parameters and result columns, in order.
type irQuery struct {
	Query struct {
		Name    string `json:"name"`
		Command string `json:"command"`
	} `json:"query"`
	Params  []irParam `json:"params"`
	Columns []irField `json:"columns"`
	// The table whose model type is the result, when there is one.
	Model *string `json:"model"`
}

func (q *irQuery) name() string    { return q.Query.Name }
func (q *irQuery) command() string { return q.Query.Command }

// rowIsStruct tells how the generated code returns a row: a struct (a model, or `<Name>Row`
// for two columns or more) or the value of its only column. The Go backend decides the same
// way (plan.rs).
func (q *irQuery) rowIsStruct() bool {
	return q.Model != nil || len(q.Columns) != 1
}

type irParam struct {
	Name     string   `json:"name"`
	Type     typeKind `json:"type"`
	Nullable bool     `json:"nullable"`
	// A sqlc.slice list: the type is the element's.
	Slice bool `json:"slice"`
}

type irField struct {
	Name     string   `json:"name"`
	Type     typeKind `json:"type"`
	Nullable bool     `json:"nullable"`
}

// typeKind is flash_schema::TypeKind as serialised: `{"type": "int", "bits": 64}`.
type typeKind struct {
	Kind     string    `json:"type"`
	Bits     int       `json:"bits"`
	Unsigned bool      `json:"unsigned"`
	Tz       bool      `json:"tz"`
	Name     string    `json:"name"`
	Values   []string  `json:"values"`
	Element  *typeKind `json:"element"`
}

func (t typeKind) String() string {
	b, err := json.Marshal(t)
	if err != nil {
		return t.Kind
	}
	return string(b)
}

// readIR reads ir.json; the queries by name.
func readIR(path string) (*request, map[string]*irQuery, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var req request
	if err := json.Unmarshal(data, &req); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	byName := map[string]*irQuery{}
	for f := range req.Files {
		for q := range req.Files[f].Queries {
			iq := &req.Files[f].Queries[q]
			byName[iq.name()] = iq
		}
	}
	return &req, byName, nil
}
