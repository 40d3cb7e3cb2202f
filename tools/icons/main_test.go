package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/tc-hib/winres"
)

// The window's icon (assets/icon.png) is the drawing at 512 pixels: after
// a change to the SVG, run go run ./tools/icons -png assets/icon.png.
func TestIconPNGIsTheDrawing(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "assets", "icon.svg"))
	if err != nil {
		t.Fatal(err)
	}
	drawn, err := draw(src, 512)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join("..", "..", "assets", "icon.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	shipped, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if shipped.Bounds() != drawn.Bounds() {
		t.Fatalf("assets/icon.png is %v, the drawing %v", shipped.Bounds(), drawn.Bounds())
	}
	off := 0
	for y := 0; y < 512; y++ {
		for x := 0; x < 512; x++ {
			a, b := shipped.At(x, y), drawn.At(x, y)
			ar, ag, ab, aa := a.RGBA()
			br, bg, bb, ba := b.RGBA()
			if diff(ar, br) > 8 || diff(ag, bg) > 8 || diff(ab, bb) > 8 || diff(aa, ba) > 8 {
				off++
			}
		}
	}
	if off > 512*512/1000 {
		t.Errorf("%d pixels of assets/icon.png differ from the drawing", off)
	}
}

func diff(a, b uint32) uint32 {
	a, b = a>>8, b>>8
	if a > b {
		return a - b
	}
	return b - a
}

// Every size is drawn for itself, and the .ico holds the five Windows
// asks for.
func TestEverySizeIsWritten(t *testing.T) {
	out := t.TempDir()
	if err := run(filepath.Join("..", "..", "assets", "icon.svg"), out, filepath.Join(out, "rsrc.syso"), "1.2.3", 4, ""); err != nil {
		t.Fatal(err)
	}
	for _, size := range pngSizes() {
		f, err := os.Open(filepath.Join(out, "hicolor", itoa(size)+"x"+itoa(size), "apps", appID+".png"))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != size || cfg.Height != size {
			t.Errorf("%d px icon: %v %dx%d", size, err, cfg.Width, cfg.Height)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "hicolor", "scalable", "apps", appID+".svg")); err != nil {
		t.Error(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "bridgekeeper.ico"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := winres.LoadICO(bytes.NewReader(b)); err != nil {
		t.Fatalf("the .ico does not load: %v", err)
	}
	// The ICONDIR: a count, then 16 bytes an image, its width first (0
	// for 256).
	var sizes []int
	for i := 0; i < int(b[4]) && 6+16*i < len(b); i++ {
		w := int(b[6+16*i])
		if w == 0 {
			w = 256
		}
		sizes = append(sizes, w)
	}
	if !slices.Equal(sortedCopy(sizes), icoSizes()) {
		t.Errorf(".ico sizes %v, want %v", sizes, icoSizes())
	}
	if fi, err := os.Stat(filepath.Join(out, "rsrc.syso")); err != nil || fi.Size() < 1000 {
		t.Errorf("Windows resources: %v", err)
	}
	if err := run(filepath.Join("..", "..", "assets", "icon.svg"), out, filepath.Join(out, "x.syso"), "1.2", 0, ""); err == nil {
		t.Error("a version that is not MAJOR.MINOR.PATCH should be refused")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func sortedCopy(xs []int) []int {
	out := slices.Clone(xs)
	slices.Sort(out)
	return out
}
