package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func tall(h float32) *canvas.Rectangle {
	r := canvas.NewRectangle(nil)
	r.SetMinSize(fyne.NewSize(100, h))
	return r
}

func TestColumnsFitAsManyAsTheWidthAllows(t *testing.T) {
	test.NewTempApp(t)
	pad := theme.Padding()
	for _, c := range []struct {
		name       string
		width      float32
		cols       int
		wantHeight float32
	}{
		// Heights 100, 200, 50: in one column they stack; in two, rows
		// of (100, 200) and (50); three never exceed the objects.
		{"narrow", 700, 1, 350 + 2*pad},
		{"two", 1100, 2, 250 + pad},
		{"wide", 3000, 3, 200},
	} {
		t.Run(c.name, func(t *testing.T) {
			objs := []fyne.CanvasObject{tall(100), tall(200), tall(50)}
			relaid := 0
			l := &Columns{MinWidth: 520, Relayout: func() { relaid++ }}
			box := container.New(l, objs...)
			box.Resize(fyne.NewSize(c.width, 1000))
			if l.cols != c.cols || relaid != 1 {
				t.Fatalf("%d columns (relaid %d), want %d", l.cols, relaid, c.cols)
			}
			if got := l.MinSize(objs).Height; got != c.wantHeight {
				t.Errorf("min height %v, want %v", got, c.wantHeight)
			}
			w := (c.width - float32(c.cols-1)*pad) / float32(c.cols)
			for i, o := range objs {
				col := i % c.cols
				if o.Position().X != float32(col)*(w+pad) || o.Size().Width != w {
					t.Errorf("object %d at %v size %v, want column %d of width %v", i, o.Position(), o.Size(), col, w)
				}
			}
			// Laying out again at the same width asks for nothing more.
			box.Resize(fyne.NewSize(c.width, 999))
			if relaid != 1 {
				t.Errorf("relaid %d times", relaid)
			}
		})
	}
}

func TestColumnsSkipHiddenObjects(t *testing.T) {
	test.NewTempApp(t)
	a, b, hidden := tall(100), tall(100), tall(500)
	hidden.Hide()
	l := &Columns{MinWidth: 100}
	box := container.New(l, a, hidden, b)
	box.Resize(fyne.NewSize(300, 400))
	if b.Position().X == 0 || l.MinSize(box.Objects).Height != 100 {
		t.Errorf("a hidden object took a place: b at %v, height %v", b.Position(), l.MinSize(box.Objects).Height)
	}
}
