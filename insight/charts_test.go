package insight

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// update rewrites the golden chart images: go test ./insight -run Golden -update
var update = flag.Bool("update", false, "rewrite the golden chart images in testdata")

// TestChartsMatchTheirGoldenImages draws every chart of the fixture
// history for print and compares it with the picture checked in, pixel
// by pixel with a little tolerance for anti-aliasing. A change to what a
// chart shows (a bar's length, a label, a colour) fails it; look at the
// new picture, then run with -update if it is right.
func TestChartsMatchTheirGoldenImages(t *testing.T) {
	st := Compute(fixtureHistory(), fixtureNow(), berlin())
	for _, spec := range Specs(st) {
		t.Run(spec.Key, func(t *testing.T) {
			if spec.Empty != "" {
				t.Fatalf("the fixture has something for every chart; %s says %q", spec.Key, spec.Empty)
			}
			img, err := Draw(spec.Key, st, PrintStyle(), 600, Height(spec.Key, st, 96))
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", spec.Key+".png")
			if *update {
				var buf bytes.Buffer
				if err := png.Encode(&buf, img); err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			defer f.Close()
			want, err := png.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			if bad, total := differentPixels(img, want); bad*1000 > total {
				out := filepath.Join(t.TempDir(), spec.Key+".png")
				if f, err := os.Create(out); err == nil {
					png.Encode(f, img)
					f.Close()
				}
				t.Errorf("%d of %d pixels differ from %s; the new picture is %s", bad, total, path, out)
			}
		})
	}
}

// differentPixels counts the pixels of a and b further apart than a small
// step in any channel; pictures of different sizes differ everywhere.
func differentPixels(a, b image.Image) (bad, total int) {
	ab, bb := a.Bounds(), b.Bounds()
	total = ab.Dx() * ab.Dy()
	if ab.Size() != bb.Size() {
		return total, total
	}
	for y := 0; y < ab.Dy(); y++ {
		for x := 0; x < ab.Dx(); x++ {
			if !near(a.At(ab.Min.X+x, ab.Min.Y+y), b.At(bb.Min.X+x, bb.Min.Y+y)) {
				bad++
			}
		}
	}
	return bad, total
}

func near(a, b color.Color) bool {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	d := func(x, y uint32) bool {
		if x > y {
			x, y = y, x
		}
		return (y-x)>>8 <= 24
	}
	return d(ar, br) && d(ag, bg) && d(ab, bb) && d(aa, ba)
}

// TestChartBarsAreAsLongAsTheirCounts reads the funnel back from its
// pixels: each stage's bar, in the primary colour, is as long against the
// longest as its count is against the first stage's.
func TestChartBarsAreAsLongAsTheirCounts(t *testing.T) {
	st := Compute(fixtureHistory(), fixtureNow(), berlin())
	style := PrintStyle()
	style.DPI = 96
	img, err := Draw(ChartFunnel, st, style, 800, Height(ChartFunnel, st, 96))
	if err != nil {
		t.Fatal(err)
	}
	var lengths []int
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		n := 0
		for x := b.Min.X; x < b.Max.X; x++ {
			if near(img.At(x, y), style.Primary) {
				n++
			}
		}
		// One reading per bar: where a run of rows begins.
		if n > 0 && (len(lengths) == 0 || y > 0 && primaryRow(img, y-1, style.Primary) == 0) {
			lengths = append(lengths, n)
		}
	}
	stages := st.Funnel.Stages()
	if len(lengths) != len(stages) {
		t.Fatalf("found %d primary bars (%v), want %d", len(lengths), lengths, len(stages))
	}
	for i, s := range stages {
		want := float64(lengths[0]) * float64(s.N) / float64(stages[0].N)
		if got := float64(lengths[i]); got < want-3 || got > want+3 {
			t.Errorf("%s: bar %v px, want %.0f (count %d of %d)", s.Label, got, want, s.N, stages[0].N)
		}
	}
}

func primaryRow(img image.Image, y int, c color.Color) int {
	n := 0
	for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
		if near(img.At(x, y), c) {
			n++
		}
	}
	return n
}

func TestDrawRefusesWhatItCannotDraw(t *testing.T) {
	st := Compute(fixtureHistory(), fixtureNow(), berlin())
	if _, err := Draw(ChartFunnel, st, PrintStyle(), 10, 10); err == nil {
		t.Error("a 10×10 chart should be refused")
	}
	if _, err := Draw("pie", st, PrintStyle(), 400, 300); err == nil {
		t.Error("an unknown chart should be refused")
	}
	empty := Compute(nil, fixtureNow(), berlin())
	if _, err := Draw(ChartReplies, empty, PrintStyle(), 400, 300); err == nil {
		t.Error("a chart of nothing should say so, not draw an empty frame")
	}
}

func TestPaperForLocale(t *testing.T) {
	for _, c := range []struct {
		locale, english string
		want            Paper
	}{
		{"en_US.UTF-8", "", PaperLetter}, {"fr_CA.UTF-8", "", PaperLetter}, {"es_MX", "", PaperLetter},
		{"en_GB.UTF-8", "us", PaperA4}, {"de_DE@euro", "", PaperA4}, {"C.UTF-8", "us", PaperLetter},
		{"C", "uk", PaperA4}, {"", "", PaperA4},
	} {
		if got := PaperForLocale(c.locale, c.english); got != c.want {
			t.Errorf("PaperForLocale(%q, %q) = %s, want %s", c.locale, c.english, got, c.want)
		}
	}
}

func TestNewReportDrawsOnlyChartsWithSomethingToShow(t *testing.T) {
	rep, err := NewReport(fixtureHistory(), fixtureNow(), berlin())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Charts) != 5 || len(rep.Records) != 9 {
		t.Fatalf("%d charts, %d records", len(rep.Charts), len(rep.Records))
	}
	for _, c := range rep.Charts {
		img, err := png.Decode(bytes.NewReader(c.PNG))
		if err != nil || img.Bounds().Dx() != c.Width || c.Width != printWidth || c.Title == "" || c.Caption == "" {
			t.Errorf("%s: %v, %v, %q", c.Key, err, img.Bounds(), c.Title)
		}
	}
	small, err := NewReport(fixtureHistory()[:2], fixtureNow(), berlin())
	if err != nil || len(small.Charts) != 0 {
		t.Errorf("two interviews: %d charts (%v); the charts need %d", len(small.Charts), err, MinInterviews)
	}
}
