package views

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"bridgekeeper/data"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"
)

// noticeGlyphs is the key of the notice about characters with no font.
const noticeGlyphs = "missing-glyphs"

const (
	// glyphSampleRows is how many rows of a loaded list are looked at for
	// characters with no font: enough to catch a script used now and then,
	// few enough to gather on the UI goroutine without a pause.
	glyphSampleRows = 2000
	// glyphMaxGroups is how many scripts the notice names at most.
	glyphMaxGroups = 3
)

// glyphCoverage reports whether some font Fyne can reach draws r.
type glyphCoverage func(r rune) bool

// glyphCheck is what the window knows about the fonts on this computer,
// so it can say once, rather than show boxes, that some text has no font.
type glyphCheck struct {
	// load finds the fonts, off the UI goroutine; nil means this
	// computer's (tests give a fake so they do not depend on its fonts).
	load func(embedded []fyne.Resource) glyphCoverage

	// once guards cover: the first check finds the fonts, later ones
	// reuse them, whichever goroutine they run on.
	once  sync.Once
	cover glyphCoverage

	// told is set, on the UI goroutine, once the notice has been shown:
	// after that nothing is checked again this run.
	told bool
}

// glyphGroup is a script as the notice names it, and a font that has it.
type glyphGroup struct{ name, font string }

// checkGlyphs looks for characters in texts that no font on this computer
// can draw and, the first time it finds some, says so in the notices
// strip. Only text with letters beyond Latin, Greek and Cyrillic (which
// Fyne's own font has) costs a background job; finding the system's fonts
// reads files, so it never runs on the UI goroutine.
func (u *UI) checkGlyphs(texts ...string) {
	c := &u.notices.glyphs
	if c.told {
		return
	}
	var odd []string
	for _, s := range texts {
		if !glyphAllPlain(s) {
			odd = append(odd, s)
		}
	}
	if len(odd) == 0 {
		return
	}
	// The theme is read here, on the UI goroutine; the job only parses.
	embedded := glyphEmbeddedFonts(theme.Current())
	var missing []glyphGroup
	u.background(func() error {
		if u.ctx.Err() != nil {
			return nil
		}
		c.once.Do(func() {
			load := c.load
			if load == nil {
				load = systemGlyphCoverage
			}
			c.cover = load(embedded)
		})
		missing = glyphMissing(c.cover, odd)
		return nil
	}, func(error) {
		if c.told || len(missing) == 0 {
			return
		}
		c.told = true
		dismiss := &widget.Button{Text: "Dismiss", Importance: widget.LowImportance,
			OnTapped: func() { u.notices.clear(noticeGlyphs) }}
		u.notices.set(noticeGlyphs, theme.ColorNameWarning, theme.WarningIcon(), glyphNotice(missing), dismiss)
	})
}

// glyphSample is the text of up to glyphSampleRows rows of m, spread over
// the whole list, for checkGlyphs.
func glyphSample(m *data.Table) []string {
	n := m.Len()
	step := max(1, (n+glyphSampleRows-1)/glyphSampleRows) // rounded up: at most glyphSampleRows rows
	texts := make([]string, 0, 3*min(n, glyphSampleRows))
	for i := 0; i < n; i += step {
		iv := m.Row(i)
		texts = append(texts, iv.Company, iv.Role, iv.ContactName)
	}
	return texts
}

// glyphAllPlain reports whether every character of s is one Fyne's own
// font certainly draws, so no font needs looking up for it.
func glyphAllPlain(s string) bool {
	for _, r := range s {
		if !glyphPlain(r) {
			return false
		}
	}
	return true
}

func glyphPlain(r rune) bool {
	switch {
	case r < 0x0530: // Latin, IPA, diacritics, Greek, Cyrillic
		return true
	case r >= 0x1D00 && r <= 0x20CF: // phonetic, Latin and Greek extended, punctuation, currency
		return true
	}
	return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic)
}

// glyphMissing is the scripts of the characters in texts that cover does
// not draw, in the order first met, at most glyphMaxGroups of them.
func glyphMissing(cover glyphCoverage, texts []string) []glyphGroup {
	seen := map[rune]bool{}
	var groups []glyphGroup
	for _, s := range texts {
		for _, r := range s {
			if seen[r] || glyphPlain(r) {
				continue
			}
			seen[r] = true
			if cover(r) {
				continue
			}
			g := glyphGroupOf(r)
			if !glyphHasGroup(groups, g) {
				groups = append(groups, g)
				if len(groups) == glyphMaxGroups {
					return groups
				}
			}
		}
	}
	return groups
}

func glyphHasGroup(groups []glyphGroup, g glyphGroup) bool {
	for _, h := range groups {
		if h == g {
			return true
		}
	}
	return false
}

// glyphGroupOf names r's script for a reader: Chinese, Japanese and Korean
// share their fonts, so they are one group.
func glyphGroupOf(r rune) glyphGroup {
	if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo) {
		return glyphGroup{"Chinese, Japanese or Korean", "Noto Sans CJK"}
	}
	for name, table := range unicode.Scripts {
		if name != "Common" && name != "Inherited" && unicode.Is(table, r) {
			return glyphGroup{name, "Noto Sans " + name}
		}
	}
	return glyphGroup{"symbols", "Noto Sans Symbols"}
}

// glyphNotice is the notice's words for the scripts that have no font.
func glyphNotice(missing []glyphGroup) string {
	names := make([]string, len(missing))
	fonts := make([]string, len(missing))
	for i, g := range missing {
		names[i], fonts[i] = g.name, g.font
	}
	such := "a font such as " + fonts[0]
	if len(fonts) > 1 {
		such = "fonts such as " + strings.Join(fonts, " and ")
	}
	return fmt.Sprintf("Some names use characters this computer has no font for (%s), so they show as question marks or boxes. Installing %s fixes this.",
		strings.Join(names, "; "), such)
}

// glyphEmbeddedFonts is the fonts Fyne draws with before it looks for
// system ones: the theme's text font, its own text font and its emoji.
func glyphEmbeddedFonts(th fyne.Theme) []fyne.Resource {
	var out []fyne.Resource
	for _, res := range []fyne.Resource{th.Font(fyne.TextStyle{}), theme.DefaultTextFont(), theme.DefaultEmojiFont()} {
		if res != nil && !slices.Contains(out, res) {
			out = append(out, res)
		}
	}
	return out
}

// systemGlyphCoverage is what Fyne can draw here: as Fyne does, it tries
// the embedded fonts, then every system font go-text's fontscan indexes.
// fontscan builds that index once per process and Fyne has usually built
// it already, so this mostly parses the embedded fonts.
func systemGlyphCoverage(embedded []fyne.Resource) glyphCoverage {
	var cmaps []font.Cmap
	for _, res := range embedded {
		if f, err := font.ParseTTF(bytes.NewReader(res.Content())); err == nil {
			cmaps = append(cmaps, f.Cmap)
		}
	}
	// An error means no system fonts at all: only the embedded ones count.
	system, _ := fontscan.SystemFonts(quietFontLog{}, "")
	return func(r rune) bool {
		for _, cm := range cmaps {
			if _, ok := cm.Lookup(r); ok {
				return true
			}
		}
		for i := range system {
			if system[i].Runes.Contains(r) {
				return true
			}
		}
		return false
	}
}

// quietFontLog keeps fontscan's remarks about odd font files out of the
// app's output, as Fyne does.
type quietFontLog struct{}

func (quietFontLog) Printf(string, ...any) {}
