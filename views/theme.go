package views

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The contrast text must have against what it is drawn on (WCAG 2.x).
const (
	// minTextContrast is level AA for body text. Placeholder colour is held
	// to it too: this app draws real information in it (the "in 2 days"
	// notes, captions, empty-state help), not only hints in empty fields.
	minTextContrast = 4.5
	// minDisabledContrast is for the labels of switched-off buttons, menu
	// items and fields. WCAG exempts inactive controls, but one whose label
	// cannot be read at all (Fyne's light grey is 1.2:1) hides what it
	// would do once it turns on; 3:1 still reads while looking inactive.
	minDisabledContrast = 3.0
	// lightSelectionAlpha caps the row highlight in the light variant: a
	// selected row is often hovered too, and under both washes at Fyne's
	// strength even body text only just reaches 4.5:1, leaving no quieter
	// grey for the notes in the row.
	lightSelectionAlpha = 0x20
	// focusAlpha is how strong the wash over a focused button or menu item
	// is with Fyne's default blue; see focus.
	focusAlpha = 0x2a
)

// readableTheme is a theme whose text colours all reach minTextContrast
// (disabled text minDisabledContrast) on the surfaces Fyne draws them on.
// It returns the base theme's colours where they already do, Bridgekeeper's
// chosen replacement for a Fyne colour that does not, and for anything else
// (another primary colour, a user's theme.json) the colour taken towards
// black or white just far enough. Colours are picked per variant from the
// variant asked for, so following the desktop between light and dark works.
type readableTheme struct {
	fyne.Theme
}

// layers is a surface text is drawn on, bottom layer first: a background
// and up to two translucent washes over it ("" for none).
type layers [3]fyne.ThemeColorName

// textSurfaces is the contrast a colour needs and the surfaces it is drawn
// on as text; zero for colours that are not text.
func textSurfaces(n fyne.ThemeColorName) (float64, []layers) {
	const (
		bg, overlay, input = theme.ColorNameBackground, theme.ColorNameOverlayBackground, theme.ColorNameInputBackground
		hover, selection   = theme.ColorNameHover, theme.ColorNameSelection
		focus, menu        = theme.ColorNameFocus, theme.ColorNameMenuBackground
	)
	switch n {
	case theme.ColorNameForeground:
		return minTextContrast, []layers{{bg}, {overlay}, {input}, {menu}, {menu, focus},
			{theme.ColorNameHeaderBackground}, {theme.ColorNameButton, hover}, {bg, hover, selection}, {input, selection}}
	case theme.ColorNamePlaceHolder:
		// Quiet notes sit in table rows, selected and hovered ones too.
		return minTextContrast, []layers{{bg}, {overlay}, {input}, {bg, hover, selection}}
	case theme.ColorNamePrimary:
		// Labels of high importance and the selected tab, hovered too.
		return minTextContrast, []layers{{bg}, {overlay}, {bg, hover}}
	case theme.ColorNameHyperlink, theme.ColorNameError, theme.ColorNameWarning, theme.ColorNameSuccess:
		return minTextContrast, []layers{{bg}, {overlay}}
	case theme.ColorNameDisabled:
		return minDisabledContrast, []layers{{bg}, {overlay}, {input}, {theme.ColorNameDisabledButton}, {menu}}
	case theme.ColorNameForegroundOnPrimary:
		// Buttons of high importance, hovered and focused too.
		return minTextContrast, []layers{{theme.ColorNamePrimary}, {theme.ColorNamePrimary, hover}, {theme.ColorNamePrimary, focus}}
	case theme.ColorNameForegroundOnError:
		return minTextContrast, []layers{{theme.ColorNameError}, {theme.ColorNameError, hover}, {theme.ColorNameError, focus}}
	case theme.ColorNameForegroundOnWarning:
		return minTextContrast, []layers{{theme.ColorNameWarning}, {theme.ColorNameWarning, hover}, {theme.ColorNameWarning, focus}}
	case theme.ColorNameForegroundOnSuccess:
		return minTextContrast, []layers{{theme.ColorNameSuccess}, {theme.ColorNameSuccess, hover}, {theme.ColorNameSuccess, focus}}
	}
	return 0, nil
}

// chosenColor is Bridgekeeper's replacement, hue kept, for one of Fyne's
// own colours that fails.
func chosenColor(n fyne.ThemeColorName, light bool, base color.NRGBA) (color.NRGBA, bool) {
	type key struct {
		name  fyne.ThemeColorName
		light bool
		was   uint32 // 0xRRGGBBAA of Fyne's colour
	}
	k := key{n, light, packRGBA(base)}
	switch k {
	case key{theme.ColorNameSuccess, true, 0x43f436ff}:
		return opaque(0x2e7d32), true
	case key{theme.ColorNameError, true, 0xf44336ff}:
		return opaque(0xc62828), true
	case key{theme.ColorNameWarning, true, 0xff9800ff}:
		return opaque(0xb45309), true
	case key{theme.ColorNamePrimary, true, 0x296ff6ff}, key{theme.ColorNameHyperlink, true, 0x296ff6ff}:
		return opaque(0x1f62e0), true
	case key{theme.ColorNamePlaceHolder, true, 0x888888ff}:
		return opaque(0x616161), true
	case key{theme.ColorNameDisabled, true, 0xe3e3e3ff}:
		return opaque(0x878787), true
	case key{theme.ColorNamePrimary, false, 0x296ff6ff}, key{theme.ColorNameHyperlink, false, 0x296ff6ff}:
		return opaque(0x5b93f9), true
	case key{theme.ColorNameForegroundOnPrimary, false, 0xffffffff}:
		// The lighter blue needs dark text, as Fyne's other accents have.
		return opaque(0x171718), true
	case key{theme.ColorNameForegroundOnError, false, 0x171718ff}:
		// Fyne's near-black is 4.0:1 on a focused red button.
		return opaque(0x000000), true
	case key{theme.ColorNameDisabled, false, 0x39393aff}:
		return opaque(0x7a7a7a), true
	}
	return color.NRGBA{}, false
}

// Color is part of fyne.Theme.
func (t readableTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	c := t.Theme.Color(n, v)
	switch {
	case n == theme.ColorNameSelection && v == theme.VariantLight:
		return capWash(c, lightSelectionAlpha)
	case n == theme.ColorNameFocus:
		return t.focus(c, v)
	}
	need, surfaces := textSurfaces(n)
	if need == 0 {
		return c
	}
	text := toNRGBA(c)
	under := make([]color.NRGBA, len(surfaces))
	for i, s := range surfaces {
		under[i] = t.surface(s, v)
	}
	if worstContrast(text, under) >= need {
		return c
	}
	if fix, ok := chosenColor(n, v == theme.VariantLight, text); ok && worstContrast(fix, under) >= need {
		return fix
	}
	return nudge(text, under, need)
}

// focus keeps a wash as light as the default blue's. Fyne's other accents
// wash at half strength, and no text colour reads both on a coloured button
// and on that over it; they become the readable primary at the blue's
// strength, which darkens in light and lightens in dark, as the buttons'
// fills already do, so their text keeps reading.
func (t readableTheme) focus(c color.Color, v fyne.ThemeVariant) color.Color {
	if toNRGBA(c).A <= focusAlpha {
		return c
	}
	p := toNRGBA(t.Color(theme.ColorNamePrimary, v))
	p.A = focusAlpha
	return p
}

// capWash lowers a translucent wash's alpha to at most limit; an opaque
// colour is the theme author's choice, and the text colours adapt to it.
func capWash(c color.Color, limit uint8) color.Color {
	w := toNRGBA(c)
	if w.A == 0xff || w.A <= limit {
		return c
	}
	w.A = limit
	return w
}

// surface is the opaque colour of a stack of layers, as this theme draws
// them; a translucent bottom layer lies on the window background.
func (t readableTheme) surface(s layers, v fyne.ThemeVariant) color.NRGBA {
	window := toNRGBA(t.Theme.Color(theme.ColorNameBackground, v))
	window.A = 0xff
	out := over(toNRGBA(t.Color(s[0], v)), window)
	for _, wash := range s[1:] {
		if wash != "" {
			out = over(toNRGBA(t.Color(wash, v)), out)
		}
	}
	return out
}

// nudge takes c towards black or white, whichever needs the smaller step,
// until it has the contrast needed on every surface; when neither gets
// there, the one of the two that comes closest.
func nudge(c color.NRGBA, under []color.NRGBA, need float64) color.NRGBA {
	c.A = 0xff
	best, bestStep := c, math.Inf(1)
	for _, to := range []color.NRGBA{{A: 0xff}, {R: 0xff, G: 0xff, B: 0xff, A: 0xff}} {
		if worstContrast(to, under) < need {
			continue
		}
		lo, hi := 0.0, 1.0 // mix(c, to, hi) always passes
		for range 16 {
			mid := (lo + hi) / 2
			if worstContrast(mix(c, to, mid), under) >= need {
				hi = mid
			} else {
				lo = mid
			}
		}
		if hi < bestStep {
			best, bestStep = mix(c, to, hi), hi
		}
	}
	if math.IsInf(bestStep, 1) {
		black, white := color.NRGBA{A: 0xff}, color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
		if worstContrast(black, under) >= worstContrast(white, under) {
			return black
		}
		return white
	}
	return best
}

// worstContrast is text's lowest contrast over the surfaces, text laid on
// each first when it is translucent.
func worstContrast(text color.NRGBA, under []color.NRGBA) float64 {
	worst := math.Inf(1)
	for _, u := range under {
		worst = min(worst, contrastRatio(over(text, u), u))
	}
	return worst
}

// contrastRatio is WCAG 2.x's (L1 + 0.05) / (L2 + 0.05) of two opaque
// colours, L1 the lighter one's relative luminance: from 1 to 21.
func contrastRatio(a, b color.NRGBA) float64 {
	la, lb := relativeLuminance(a), relativeLuminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// relativeLuminance is WCAG 2.x's, from linearised sRGB channels.
func relativeLuminance(c color.NRGBA) float64 {
	linear := func(v uint8) float64 {
		s := float64(v) / 0xff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*linear(c.R) + 0.7152*linear(c.G) + 0.0722*linear(c.B)
}

// over lays top on an opaque bottom, as the renderer blends: in sRGB.
func over(top, bottom color.NRGBA) color.NRGBA {
	a := float64(top.A) / 0xff
	blend := func(t, b uint8) uint8 { return uint8(math.Round(float64(t)*a + float64(b)*(1-a))) }
	return color.NRGBA{R: blend(top.R, bottom.R), G: blend(top.G, bottom.G), B: blend(top.B, bottom.B), A: 0xff}
}

// mix is the opaque colour a share of the way from c to to.
func mix(c, to color.NRGBA, share float64) color.NRGBA {
	to.A = uint8(math.Round(share * 0xff))
	return over(to, c)
}

func toNRGBA(c color.Color) color.NRGBA {
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}

func packRGBA(c color.NRGBA) uint32 {
	return uint32(c.R)<<24 | uint32(c.G)<<16 | uint32(c.B)<<8 | uint32(c.A)
}

// opaque is the colour 0xRRGGBB.
func opaque(rgb uint32) color.NRGBA {
	return color.NRGBA{R: uint8(rgb >> 16), G: uint8(rgb >> 8), B: uint8(rgb), A: 0xff}
}
