package app

import (
	"os"
	"strings"
	"testing"
)

// The licence About shows is the one the LICENSE file grants.
func TestAboutNamesTheLicenceFile(t *testing.T) {
	raw, err := os.ReadFile("../LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(raw), "\n")
	if first != Licence+" License" {
		t.Errorf("LICENSE starts %q; About says %q", first, Licence)
	}
}
