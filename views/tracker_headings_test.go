package views

import (
	"testing"

	"bridgekeeper/data"
)

func TestColumnHeadings(t *testing.T) {
	want := []string{"Company", "Role", "Contact", "When", "Status"}
	cols := data.Columns()
	if len(cols) != len(want) {
		t.Fatalf("%d columns, want %d", len(cols), len(want))
	}
	for i, c := range cols {
		if got := columnHeading(c); got != want[i] {
			t.Errorf("columnHeading(%v) = %q, want %q", c, got, want[i])
		}
	}
	if got := columnHeading(data.Column(len(cols))); got != "" {
		t.Errorf("columnHeading(out of range) = %q, want \"\"", got)
	}
}
