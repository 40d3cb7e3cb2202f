package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func box(w float32) *canvas.Rectangle {
	r := canvas.NewRectangle(nil)
	r.SetMinSize(fyne.NewSize(w, 30))
	return r
}

func TestFlowWrapsAndAsksForTheRowsItNeeds(t *testing.T) {
	test.NewTempApp(t)
	pad := theme.Padding()
	for _, c := range []struct {
		name    string
		leading bool
		width   float32
		// rows[i] lists the indexes of the objects on row i.
		rows [][]int
	}{
		{"all fit", false, 400, [][]int{{0, 1, 2}}},
		{"trailing: the first wraps up, the last keep the bottom row", false, 260, [][]int{{0}, {1, 2}}},
		{"leading: the first keep the top row", true, 260, [][]int{{0, 1}, {2}}},
		{"one a row", false, 130, [][]int{{0}, {1}, {2}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			objs := []fyne.CanvasObject{box(100), box(120), box(110)}
			relaid := 0
			f := &Flow{Leading: c.leading, Relayout: func() { relaid++ }}
			cont := container.New(f, objs...)
			cont.Resize(fyne.NewSize(c.width, 200))
			for r, row := range c.rows {
				for _, i := range row {
					if y := objs[i].Position().Y; y != float32(r)*(30+pad) {
						t.Errorf("object %d at y=%v, want row %d", i, y, r)
					}
				}
			}
			if want := float32(len(c.rows))*30 + float32(len(c.rows)-1)*pad; cont.MinSize().Height != want {
				t.Errorf("asks for height %v, want %v for %d rows", cont.MinSize().Height, want, len(c.rows))
			}
			if cont.MinSize().Width != 120 {
				t.Errorf("asks for width %v, want the widest object's", cont.MinSize().Width)
			}
			if len(c.rows) > 1 && relaid == 0 {
				t.Error("the rows changed and nobody was told to lay out again")
			}
		})
	}
}

func TestAdaptiveSwapsAtTheWideObjectsWidth(t *testing.T) {
	test.NewTempApp(t)
	wide := &widget.RadioGroup{Options: []string{"Email", "Phone call", "Voicemail", "Text"}, Horizontal: true}
	narrow := &widget.Select{Options: []string{"Email"}}
	a := NewAdaptive(wide, narrow)
	if a.MinSize().Width >= wide.MinSize().Width {
		t.Fatalf("asks for %v, as wide as the radio row", a.MinSize().Width)
	}
	a.Resize(fyne.NewSize(wide.MinSize().Width+10, 40))
	if !wide.Visible() || narrow.Visible() {
		t.Error("with room for the radio row it is not the one shown")
	}
	a.Resize(fyne.NewSize(wide.MinSize().Width-10, 40))
	if wide.Visible() || !narrow.Visible() {
		t.Error("without room the drop-down is not the one shown")
	}
}
