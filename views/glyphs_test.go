package views

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"unicode"

	"bridgekeeper/data"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/fontscan"
)

// glyphFakeFonts draws every character except those of the given scripts,
// as a computer without fonts for them would, and counts its loads.
func glyphFakeFonts(loads *atomic.Int32, without ...*unicode.RangeTable) func([]fyne.Resource) glyphCoverage {
	return func([]fyne.Resource) glyphCoverage {
		loads.Add(1)
		return func(r rune) bool { return !unicode.In(r, without...) }
	}
}

func TestGlyphMissingNamesScriptsWithNoFont(t *testing.T) {
	none := func(rune) bool { return false }
	noCJK := func(r rune) bool {
		return !unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana)
	}
	for _, tc := range []struct {
		name  string
		cover glyphCoverage
		texts []string
		want  string // group names joined by "|"
	}{
		// Fyne's own font has these: no font is even asked about them.
		{"latin, greek, cyrillic", none, []string{"Zoë O’Neil — Café €5", "Ανδρέας", "Дмитрий"}, ""},
		{"chinese", noCJK, []string{"Acme", "王小明"}, "Chinese, Japanese or Korean"},
		{"japanese and korean are one group", noCJK, []string{"山田太郎", "たなか", "김민수"}, "Chinese, Japanese or Korean"},
		{"a font has them", func(rune) bool { return true }, []string{"王小明", "محمد Ltd"}, ""},
		{"arabic, in the order met", none, []string{"محمد Ltd", "王", "שלום"}, "Arabic|Chinese, Japanese or Korean|Hebrew"},
		{"at most three", none, []string{"محمد", "王", "שלום", "สมชาย"}, "Arabic|Chinese, Japanese or Korean|Hebrew"},
		{"symbols", none, []string{"☃"}, "symbols"},
		{"arabic drawn, chinese not", noCJK, []string{"محمد", "王小明"}, "Chinese, Japanese or Korean"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var names []string
			for _, g := range glyphMissing(tc.cover, tc.texts) {
				names = append(names, g.name)
			}
			if got := strings.Join(names, "|"); got != tc.want {
				t.Errorf("missing = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestGlyphNoticeWords(t *testing.T) {
	for _, tc := range []struct {
		missing []glyphGroup
		want    string
	}{
		{[]glyphGroup{glyphGroupOf('王')},
			"Some names use characters this computer has no font for (Chinese, Japanese or Korean), so they show as question marks or boxes. Installing a font such as Noto Sans CJK fixes this."},
		{[]glyphGroup{glyphGroupOf('م'), glyphGroupOf('ש')},
			"Some names use characters this computer has no font for (Arabic; Hebrew), so they show as question marks or boxes. Installing fonts such as Noto Sans Arabic and Noto Sans Hebrew fixes this."},
	} {
		if got := glyphNotice(tc.missing); got != tc.want {
			t.Errorf("notice =\n%q, want\n%q", got, tc.want)
		}
	}
}

func TestGlyphSampleSpreadsOverTheList(t *testing.T) {
	for _, n := range []int{0, 1, 3, glyphSampleRows, glyphSampleRows + 1, 5000, 100_000} {
		ivs := make([]data.Interview, n)
		for i := range ivs {
			ivs[i] = data.Interview{ID: int64(i + 1), Company: fmt.Sprintf("c%d", i), Role: "r", ContactName: "n"}
		}
		texts := glyphSample(data.NewTable(ivs))
		rows := len(texts) / 3
		if rows > glyphSampleRows || rows < min(n, glyphSampleRows/2) {
			t.Errorf("%d rows: sampled %d", n, rows)
		}
		if n > 0 && texts[0] != "c0" {
			t.Errorf("%d rows: sample starts at %q", n, texts[0])
		}
		// The sample reaches the end of the list, not only its head.
		if n > glyphSampleRows && texts[len(texts)-3] < fmt.Sprintf("c%d", n/2) {
			t.Errorf("%d rows: sample ends at %q", n, texts[len(texts)-3])
		}
	}
}

func TestTrackerSaysOnceWhenNamesHaveNoFont(t *testing.T) {
	for _, tc := range []struct {
		name        string
		contact     string
		without     []*unicode.RangeTable
		wantNotice  string // in the notice, "" for none
		wantLookups int32  // font loads: none at all for plain text
	}{
		{"chinese without a cjk font", "王小明", []*unicode.RangeTable{unicode.Han}, "(Chinese, Japanese or Korean)", 1},
		{"chinese with a cjk font", "王小明", nil, "", 1},
		{"plain names never look", "Zoë Ångström", []*unicode.RangeTable{unicode.Latin}, "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			var loads atomic.Int32
			h.ui.notices.glyphs.load = glyphFakeFonts(&loads, tc.without...)
			iv := data.Interview{Company: "Acme", ContactName: tc.contact, Status: data.StatusScheduled}
			if err := h.store.CreateInterview(context.Background(), &iv); err != nil {
				t.Fatal(err)
			}
			tr := trackerOpen(h)
			got := h.ui.notices.text(noticeGlyphs)
			if tc.wantNotice == "" && got != "" || !strings.Contains(got, tc.wantNotice) {
				t.Fatalf("notice = %q, want one with %q", got, tc.wantNotice)
			}
			if n := loads.Load(); n != tc.wantLookups {
				t.Errorf("fonts looked up %d times, want %d", n, tc.wantLookups)
			}
			if tc.wantNotice == "" {
				return
			}
			// Dismissed, it stays away however often the list reloads.
			test.Tap(trackerButton(t, h.ui.notices.box, "Dismiss"))
			trackerAct(h, tr.reload)
			trackerAct(h, tr.reload)
			if got := h.ui.notices.text(noticeGlyphs); got != "" {
				t.Errorf("the notice came back: %q", got)
			}
			if n := loads.Load(); n != 1 {
				t.Errorf("fonts looked up %d times, want once a run", n)
			}
		})
	}
}

// TestSystemGlyphCoverageAgreesWithFyneFallback checks the real lookup
// against the one Fyne draws with (fontscan's FontMap.ResolveFace after its
// own fonts), on whatever fonts this computer has: with fonts-noto-cjk, 王
// is drawn; without, both say it is not.
func TestSystemGlyphCoverageAgreesWithFyneFallback(t *testing.T) {
	embedded := glyphEmbeddedFonts(theme.DefaultTheme())
	cover := systemGlyphCoverage(embedded)
	fm := fontscan.NewFontMap(quietFontLog{})
	if err := fm.UseSystemFonts(""); err != nil {
		t.Logf("no system fonts: %v", err)
	}
	fm.SetQuery(fontscan.Query{Families: []string{fontscan.SansSerif}})
	for _, tc := range []struct {
		r    rune
		fyne bool // Fyne's own fonts draw it
	}{
		{'A', true}, {'Ж', true}, {'é', true}, {'🚀', true},
		{'王', false}, {'明', false}, {'김', false}, {'た', false},
		{'م', false}, {'ש', false}, {'ก', false}, {'अ', false},
		{0x0378, false}, // unassigned: no font has it
	} {
		want := tc.fyne
		if !want && fm.ResolveFace(tc.r) != nil {
			_, want = fm.ResolveFace(tc.r).NominalGlyph(tc.r)
		}
		got := cover(tc.r)
		t.Logf("%c (%U): drawn %v", tc.r, tc.r, got)
		if got != want {
			t.Errorf("%c (%U): covered = %v, Fyne's fallback draws it = %v", tc.r, tc.r, got, want)
		}
	}
	if cover(0x0378) {
		t.Error("an unassigned code point counts as drawn")
	}
}
