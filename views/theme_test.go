package views

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"bridgekeeper/views/widgets"
)

// coat is one layer of what text is drawn on: a theme colour, at its own
// alpha or (for banner washes and dialog backgrounds) at the alpha the
// widget paints it with.
type coat struct {
	name  fyne.ThemeColorName
	alpha int // 0 for the colour's own
}

// textPair is a text colour and a surface the app draws it on, bottom
// layer first.
type textPair struct {
	text fyne.ThemeColorName
	on   []coat
	min  float64
}

func (p textPair) String() string {
	var on []string
	for _, c := range p.on {
		s := string(c.name)
		if c.alpha != 0 {
			s += fmt.Sprintf("@%#x", c.alpha)
		}
		on = append(on, s)
	}
	return string(p.text) + " on " + strings.Join(on, "+")
}

// dialogAlpha is how opaque Fyne's dialogs paint the overlay background
// (dialog/base.go, themedBackgroundRenderer).
const dialogAlpha = 230

// textPairs is every text colour on every surface it is drawn on in this
// app; tint is the alpha of a banner's wash, measured from the widget.
// What is checked:
//   - foreground: window, dialog, entry, menu (and its focused item), table
//     header, button (hovered too), hovered and selected+hovered rows,
//     selected text in an entry, and the primary, warning and error banners;
//   - placeholder (quiet notes, hints, captions, empty fields): window,
//     dialog, entry, selected rows, hovered too;
//   - primary (high-importance labels, the selected tab, hovered too),
//     hyperlink, error, warning and success text: window and dialog;
//   - the text on primary, error, warning and success buttons: on the fill,
//     hovered and focused;
//   - disabled text, at 3:1 rather than 4.5:1 (WCAG exempts inactive
//     controls; see minDisabledContrast): window, dialog, entry, disabled
//     button, menu.
func textPairs(tint int) []textPair {
	bg, dialog := coat{name: theme.ColorNameBackground}, coat{name: theme.ColorNameOverlayBackground, alpha: dialogAlpha}
	input, hover, sel := coat{name: theme.ColorNameInputBackground}, coat{name: theme.ColorNameHover}, coat{name: theme.ColorNameSelection}
	focus, menu := coat{name: theme.ColorNameFocus}, coat{name: theme.ColorNameMenuBackground}
	on := func(cs ...coat) []coat { return cs }
	var pairs []textPair
	add := func(text fyne.ThemeColorName, need float64, surfaces ...[]coat) {
		for _, s := range surfaces {
			pairs = append(pairs, textPair{text: text, on: s, min: need})
		}
	}
	add(theme.ColorNameForeground, 4.5, on(bg), on(bg, dialog), on(input), on(menu), on(menu, focus),
		on(coat{name: theme.ColorNameHeaderBackground}), on(coat{name: theme.ColorNameButton}),
		on(coat{name: theme.ColorNameButton}, hover), on(bg, hover), on(bg, hover, sel), on(input, sel),
		on(bg, coat{theme.ColorNamePrimary, tint}), on(bg, coat{theme.ColorNameWarning, tint}),
		on(bg, coat{theme.ColorNameError, tint}))
	add(theme.ColorNamePlaceHolder, 4.5, on(bg), on(bg, dialog), on(input), on(bg, sel), on(bg, hover, sel))
	add(theme.ColorNamePrimary, 4.5, on(bg), on(bg, dialog), on(bg, hover))
	for _, n := range []fyne.ThemeColorName{theme.ColorNameHyperlink, theme.ColorNameError, theme.ColorNameWarning, theme.ColorNameSuccess} {
		add(n, 4.5, on(bg), on(bg, dialog))
	}
	for text, fill := range map[fyne.ThemeColorName]fyne.ThemeColorName{
		theme.ColorNameForegroundOnPrimary: theme.ColorNamePrimary,
		theme.ColorNameForegroundOnError:   theme.ColorNameError,
		theme.ColorNameForegroundOnWarning: theme.ColorNameWarning,
		theme.ColorNameForegroundOnSuccess: theme.ColorNameSuccess,
	} {
		button := coat{name: fill}
		add(text, 4.5, on(button), on(button, hover), on(button, focus))
	}
	add(theme.ColorNameDisabled, 3, on(bg), on(bg, dialog), on(input), on(coat{name: theme.ColorNameDisabledButton}), on(menu))
	return pairs
}

// measure is the pair's contrast in th's variant v: the layers laid on one
// another over the window background, the text laid on them.
func (p textPair) measure(th fyne.Theme, v fyne.ThemeVariant) float64 {
	surface := toNRGBA(th.Color(theme.ColorNameBackground, v))
	surface.A = 0xff
	for _, c := range p.on {
		layer := toNRGBA(th.Color(c.name, v))
		if c.alpha != 0 {
			layer.A = uint8(c.alpha)
		}
		surface = over(layer, surface)
	}
	text := over(toNRGBA(th.Color(p.text, v)), surface)
	return contrastRatio(text, surface)
}

// unreadable lists the pairs under their minimum in th's variant v.
func unreadable(th fyne.Theme, v fyne.ThemeVariant, tint int) []string {
	var out []string
	for _, p := range textPairs(tint) {
		if r := p.measure(th, v); r < p.min {
			out = append(out, fmt.Sprintf("%s: %.2f:1, want %.1f:1", p, r, p.min))
		}
	}
	return out
}

func variantName(v fyne.ThemeVariant) string {
	if v == theme.VariantLight {
		return "light"
	}
	return "dark"
}

// bannerTint is the alpha a banner paints its wash with.
func bannerTint(t *testing.T) int {
	t.Helper()
	objs := test.WidgetRenderer(widgets.NewTint(theme.ColorNameWarning)).Objects()
	rect, ok := objs[0].(*canvas.Rectangle)
	if !ok {
		t.Fatalf("a banner's tint draws %T, not a rectangle", objs[0])
	}
	a := int(toNRGBA(rect.FillColor).A)
	if a == 0 || a == 0xff {
		t.Fatalf("banner tint alpha %#x: not a wash", a)
	}
	return a
}

func TestContrastRatioMatchesWCAG(t *testing.T) {
	// Reference ratios from WebAIM's contrast checker.
	for _, tt := range []struct {
		fg, bg uint32
		want   float64
	}{
		{0x000000, 0xffffff, 21},
		{0xffffff, 0x000000, 21},
		{0xffffff, 0xffffff, 1},
		{0x767676, 0xffffff, 4.54},
		{0x777777, 0xffffff, 4.48},
		{0x43f436, 0xffffff, 1.48}, // Fyne's light success, issue 16
		{0x296ff6, 0xffffff, 4.47},
		{0xff0000, 0x0000ff, 2.14},
	} {
		if got := contrastRatio(opaque(tt.fg), opaque(tt.bg)); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("contrast #%06x on #%06x = %.3f, want %.2f", tt.fg, tt.bg, got, tt.want)
		}
	}
	// Half-transparent black on white is drawn mid-grey.
	if got := over(color.NRGBA{A: 0x80}, opaque(0xffffff)); got != opaque(0x7f7f7f) {
		t.Errorf("black at half alpha over white = %v", got)
	}
}

// TestContrastCheckCatchesFyneLightSuccess makes sure the check can fail:
// Fyne's own light theme draws success text rgb(67,244,54) on white.
func TestContrastCheckCatchesFyneLightSuccess(t *testing.T) {
	test.NewTempApp(t)
	tint := bannerTint(t)
	base := theme.DefaultTheme()
	if c := toNRGBA(base.Color(theme.ColorNameSuccess, theme.VariantLight)); c != opaque(0x43f436) {
		t.Fatalf("Fyne's light success is %v now; pick the replacement again", c)
	}
	bad := strings.Join(unreadable(base, theme.VariantLight, tint), "\n")
	if !strings.Contains(bad, "success on background: 1.48:1") {
		t.Errorf("the check passes Fyne's light success on white; it found only:\n%s", bad)
	}
}

func TestEveryTextColourIsReadable(t *testing.T) {
	for _, tt := range []struct {
		choice  string
		variant fyne.ThemeVariant
	}{
		{"light", theme.VariantLight},
		{"dark", theme.VariantDark},
		{"system", theme.VariantLight}, // following a light desktop
		{"system", theme.VariantDark},
	} {
		t.Run(tt.choice+"/"+variantName(tt.variant), func(t *testing.T) {
			a := test.NewTempApp(t)
			ApplyTheme(a, tt.choice)
			th := a.Settings().Theme()
			for _, bad := range unreadable(th, tt.variant, bannerTint(t)) {
				t.Error(bad)
			}
		})
	}
}

// primaryApp is the test app with another primary colour picked in Fyne's
// settings, which Fyne's theme reads from the current app.
type primaryApp struct {
	fyne.App
	settings primarySettings
}

func (a primaryApp) Settings() fyne.Settings { return a.settings }

type primarySettings struct {
	fyne.Settings
	primary string
}

func (s primarySettings) PrimaryColor() string { return s.primary }

func TestEveryPrimaryColourIsReadable(t *testing.T) {
	for _, primary := range theme.PrimaryColorNames() {
		for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			t.Run(primary+"/"+variantName(v), func(t *testing.T) {
				a := test.NewTempApp(t)
				tint := bannerTint(t)
				blue := theme.DefaultTheme().Color(theme.ColorNamePrimary, v) // the test app's
				fyne.SetCurrentApp(primaryApp{App: a, settings: primarySettings{Settings: a.Settings(), primary: primary}})
				defer fyne.SetCurrentApp(a)
				if got := theme.DefaultTheme().Color(theme.ColorNamePrimary, v); (got == blue) != (primary == theme.ColorBlue) {
					t.Fatalf("picking %s gives primary %v", primary, got)
				}
				for _, bad := range unreadable(readableTheme{Theme: theme.DefaultTheme()}, v, tint) {
					t.Error(bad)
				}
			})
		}
	}
}

// paleTheme is Fyne's theme with every text colour washed out, as a badly
// made theme.json could be, to exercise the fallback.
type paleTheme struct {
	fyne.Theme
	text color.NRGBA
}

func (p paleTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if need, _ := textSurfaces(n); need != 0 {
		return p.text
	}
	return p.Theme.Color(n, v)
}

func TestUnknownColoursAreNudgedUntilReadable(t *testing.T) {
	for _, tt := range []struct {
		name string
		text color.NRGBA
		v    fyne.ThemeVariant
	}{
		{"pale on light", opaque(0xeeeeee), theme.VariantLight},
		{"translucent on light", color.NRGBA{R: 0x20, G: 0x20, B: 0x20, A: 0x40}, theme.VariantLight},
		{"dim on dark", opaque(0x303030), theme.VariantDark},
		{"yellow on both", opaque(0xffeb3b), theme.VariantLight},
		{"yellow on dark", opaque(0xffeb3b), theme.VariantDark},
	} {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			th := readableTheme{Theme: paleTheme{Theme: theme.DefaultTheme(), text: tt.text}}
			for _, bad := range unreadable(th, tt.v, bannerTint(t)) {
				t.Error(bad)
			}
		})
	}
}

// TestOnlyFailingColoursChange pins Fyne's look: every colour but the
// ones listed is Fyne's own, and these are the replacements.
func TestOnlyFailingColoursChange(t *testing.T) {
	test.NewTempApp(t)
	want := map[fyne.ThemeVariant]map[fyne.ThemeColorName]uint32{
		theme.VariantLight: {
			theme.ColorNameSuccess:     0x2e7d32ff,
			theme.ColorNameError:       0xc62828ff,
			theme.ColorNameWarning:     0xb45309ff,
			theme.ColorNamePrimary:     0x1f62e0ff,
			theme.ColorNameHyperlink:   0x1f62e0ff,
			theme.ColorNamePlaceHolder: 0x616161ff,
			theme.ColorNameDisabled:    0x878787ff,
			theme.ColorNameSelection:   0x006cff00 | lightSelectionAlpha,
		},
		theme.VariantDark: {
			theme.ColorNamePrimary:             0x5b93f9ff,
			theme.ColorNameHyperlink:           0x5b93f9ff,
			theme.ColorNameForegroundOnPrimary: 0x171718ff,
			theme.ColorNameForegroundOnError:   0x000000ff,
			theme.ColorNameDisabled:            0x7a7a7aff,
		},
	}
	names := []fyne.ThemeColorName{
		theme.ColorNameBackground, theme.ColorNameButton, theme.ColorNameDisabledButton, theme.ColorNameDisabled,
		theme.ColorNameError, theme.ColorNameFocus, theme.ColorNameForeground, theme.ColorNameForegroundOnError,
		theme.ColorNameForegroundOnPrimary, theme.ColorNameForegroundOnSuccess, theme.ColorNameForegroundOnWarning,
		theme.ColorNameHeaderBackground, theme.ColorNameHover, theme.ColorNameHyperlink, theme.ColorNameInputBackground,
		theme.ColorNameInputBorder, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground,
		theme.ColorNamePlaceHolder, theme.ColorNamePressed, theme.ColorNamePrimary, theme.ColorNameScrollBar,
		theme.ColorNameScrollBarBackground, theme.ColorNameSelection, theme.ColorNameSeparator, theme.ColorNameShadow,
		theme.ColorNameSuccess, theme.ColorNameWarning,
	}
	base := theme.DefaultTheme()
	th := readableTheme{Theme: base}
	for v, changed := range want {
		for _, n := range names {
			was, got := packRGBA(toNRGBA(base.Color(n, v))), packRGBA(toNRGBA(th.Color(n, v)))
			if w, ok := changed[n]; ok {
				if got != w {
					t.Errorf("%s %s = %#08x, want %#08x (Fyne's is %#08x)", variantName(v), n, got, w, was)
				}
				continue
			}
			if got != was {
				t.Errorf("%s %s changed from Fyne's %#08x to %#08x", variantName(v), n, was, got)
			}
		}
	}
}
