package views

import (
	"io/fs"
	"strings"
	"testing"

	"bridgekeeper/advice"
	"bridgekeeper/assets"
	"bridgekeeper/compose"
	"bridgekeeper/data"
)

// TestEveryScenarioIsComplete holds the scenario table to what adding a
// scenario means: templates for every tone, an advice article that names
// it back, a status the tracker knows (or none), and an Advice button.
func TestEveryScenarioIsComplete(t *testing.T) {
	lib, err := advice.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range compose.Scenarios() {
		t.Run(string(s.ID), func(t *testing.T) {
			for _, tone := range compose.Tones() {
				name := "templates/" + string(s.ID) + "-" + string(tone) + ".tmpl"
				if _, err := fs.Stat(assets.Templates, name); err != nil {
					t.Errorf("no %s template: %v", tone, err)
				}
				if _, err := compose.Render(compose.Input{Scenario: s.ID, Tone: tone, Company: "Acme", ToName: "Dana"}); err != nil {
					t.Errorf("%s does not render: %v", tone, err)
				}
			}
			art, ok := lib.Get(s.Article)
			if !ok {
				t.Fatalf("article %q does not exist", s.Article)
			}
			if !strings.Contains(strings.Join(art.Scenarios, ","), string(s.ID)) {
				t.Errorf("article %q does not link back to the scenario", s.Article)
			}
			if s.Status != "" && !data.Status(s.Status).Valid() {
				t.Errorf("status %q is not one the tracker knows", s.Status)
			}
			if s.StepsBack && s.Status == "" {
				t.Error("a message that leaves the process suggests no status")
			}
			if s.Label == "" || s.Summary == "" || s.Action == "" || s.Moment == 0 || s.Fields.Reason != (len(s.Reasons) > 0) {
				t.Errorf("incomplete row: %+v", s)
			}
		})
	}
}
