// Command icons draws Bridgekeeper's icon at every size the desktops ask
// for, from the one drawing in assets/icon.svg:
//
//   - OUT/hicolor/SIZExSIZE/apps/ID.png at 16, 24, 32, 48, 64, 128, 256 and
//     512 pixels, and OUT/hicolor/scalable/apps/ID.svg, laid out as the
//     freedesktop icon theme spec wants them under /usr/share/icons;
//
//   - OUT/bridgekeeper.ico with 16, 24, 32, 48 and 256 pixels, for Windows;
//
//   - with -syso FILE, the Windows resources of the .exe (that icon set, a
//     manifest and the version, as Explorer's Properties show it), which
//     go build links into a windows/amd64 binary when FILE sits beside
//     main.go as rsrc_windows_amd64.syso.
//
//     go run ./tools/icons -out dist/icons [-syso rsrc_windows_amd64.syso -version 0.1.0 -build 1]
//
// With -png assets/icon.png it also redraws the 512-pixel PNG the window
// and Fyne's packager use, so every icon comes from the one drawing (a
// test checks they agree).
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"
	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"
)

// appID names the icon files, as the .desktop file's Icon= key does.
const appID = "io.github.bridgekeeper"

// PNGSizes are the hicolor sizes drawn; ICOSizes those in the .ico.
func pngSizes() []int { return []int{16, 24, 32, 48, 64, 128, 256, 512} }
func icoSizes() []int { return []int{16, 24, 32, 48, 256} }

func main() {
	svgPath := flag.String("svg", "assets/icon.svg", "the drawing")
	out := flag.String("out", "dist/icons", "where the icons go")
	syso := flag.String("syso", "", "also write the Windows resources here")
	ver := flag.String("version", "", "the version for the Windows resources, e.g. 0.1.0")
	build := flag.Int("build", 0, "the build number, the file version's fourth part")
	png512 := flag.String("png", "", "also write the 512-pixel PNG here (assets/icon.png)")
	flag.Parse()
	if err := run(*svgPath, *out, *syso, *ver, *build, *png512); err != nil {
		fmt.Fprintln(os.Stderr, "icons:", err)
		os.Exit(1)
	}
}

func run(svgPath, out, syso, ver string, build int, png512 string) error {
	src, err := os.ReadFile(svgPath)
	if err != nil {
		return err
	}
	drawn := map[int]image.Image{}
	for _, size := range append(pngSizes(), icoSizes()...) {
		if drawn[size] == nil {
			if drawn[size], err = draw(src, size); err != nil {
				return err
			}
		}
	}
	for _, size := range pngSizes() {
		dir := filepath.Join(out, "hicolor", fmt.Sprintf("%dx%d", size, size), "apps")
		if err := writePNG(filepath.Join(dir, appID+".png"), drawn[size]); err != nil {
			return err
		}
	}
	scalable := filepath.Join(out, "hicolor", "scalable", "apps")
	if err := os.MkdirAll(scalable, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(scalable, appID+".svg"), src, 0o644); err != nil {
		return err
	}
	icon, err := icoOf(drawn)
	if err != nil {
		return err
	}
	var ico bytes.Buffer
	if err := icon.SaveICO(&ico); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "bridgekeeper.ico"), ico.Bytes(), 0o644); err != nil {
		return err
	}
	if png512 != "" {
		if err := writePNG(png512, drawn[512]); err != nil {
			return err
		}
	}
	if syso != "" {
		return writeSyso(syso, icon, ver, build)
	}
	return nil
}

// draw renders the SVG at size × size pixels.
func draw(src []byte, size int) (image.Image, error) {
	icon, err := oksvg.ReadIconStream(bytes.NewReader(src), oksvg.StrictErrorMode)
	if err != nil {
		return nil, fmt.Errorf("read the SVG: %w", err)
	}
	icon.SetTarget(0, 0, float64(size), float64(size))
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	scanner := rasterx.NewScannerGV(size, size, img, img.Bounds())
	icon.Draw(rasterx.NewDasher(size, size, scanner), 1)
	return img, nil
}

func writePNG(path string, img image.Image) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// icoOf is the Windows icon set: each size drawn for itself, so a 16-pixel
// taskbar icon is not a 512-pixel one scaled down by Windows.
func icoOf(drawn map[int]image.Image) (*winres.Icon, error) {
	var imgs []image.Image
	for _, size := range icoSizes() {
		imgs = append(imgs, drawn[size])
	}
	return winres.NewIconFromImages(imgs)
}

// writeSyso writes the resources of the Windows binary: the icon set, a
// manifest (per-monitor DPI awareness, so text is not blurred) and the
// version, with the file version as VERSION.BUILD.
func writeSyso(path string, icon *winres.Icon, ver string, build int) error {
	parts := strings.Split(ver, ".")
	if len(parts) != 3 {
		return fmt.Errorf("-version %q: want MAJOR.MINOR.PATCH", ver)
	}
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil {
			return fmt.Errorf("-version %q: %q is not a number", ver, p)
		}
	}
	if build < 0 {
		return errors.New("-build must be 0 or more")
	}
	rs := winres.ResourceSet{}
	if err := rs.SetIcon(winres.Name("APP"), icon); err != nil {
		return err
	}
	rs.SetManifest(winres.AppManifest{
		Identity:            winres.AssemblyIdentity{Name: appID},
		Description:         "Bridgekeeper",
		DPIAwareness:        winres.DPIPerMonitorV2,
		UseCommonControlsV6: true,
	})
	v := version.Info{}
	full := ver + "." + strconv.Itoa(build)
	v.SetFileVersion(full)
	v.SetProductVersion(ver)
	for key, value := range map[string]string{
		version.ProductName: "Bridgekeeper", version.FileDescription: "Bridgekeeper",
		version.CompanyName: "Bridgekeeper", version.OriginalFilename: "Bridgekeeper.exe",
		version.ProductVersion: ver, version.FileVersion: full,
		version.LegalCopyright: "MIT licence",
	} {
		if err := v.Set(version.LangDefault, key, value); err != nil {
			return err
		}
	}
	rs.SetVersionInfo(v)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := rs.WriteObject(f, winres.ArchAMD64); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
