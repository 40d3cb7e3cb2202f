package insight

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"bridgekeeper/data"
)

// pdfTool finds one of poppler's command-line tools. Without it the test
// is skipped, unless BRIDGEKEEPER_E2E=1 asks for every end-to-end check.
func pdfTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("BRIDGEKEEPER_E2E") == "1" {
			t.Fatalf("%s is needed (install poppler-utils): %v", name, err)
		}
		t.Skipf("%s not installed (poppler-utils): %v", name, err)
	}
	return p
}

// runTool runs a poppler tool and returns its standard output.
func runTool(t testing.TB, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(pdfTool(t, name), args...)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	return string(out)
}

// savePDF writes b to a file in the test's directory and returns its path.
func savePDF(t testing.TB, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("BRIDGEKEEPER_PDF_KEEP"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+".pdf"), b, 0o600)
	}
	return p
}

// pdfInfo reads pdfinfo's fields.
func pdfInfo(t testing.TB, file string) map[string]string {
	t.Helper()
	info := map[string]string{}
	for _, line := range strings.Split(runTool(t, "pdfinfo", file), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok {
			info[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return info
}

// pageSize rounds pdfinfo's "595.28 x 841.89 pts (A4)" to "595 x 842".
func pageSize(s string) string {
	var w, h float64
	if _, err := fmt.Sscanf(s, "%f x %f", &w, &h); err != nil {
		return s
	}
	return fmt.Sprintf("%.0f x %.0f", w, h)
}

func pdfPages(t testing.TB, file string) int {
	t.Helper()
	n, err := strconv.Atoi(pdfInfo(t, file)["Pages"])
	if err != nil {
		t.Fatalf("pdfinfo Pages: %v", err)
	}
	return n
}

// pageText is the text of page n (0 for every page), laid out.
func pageText(t testing.TB, file string, n int) string {
	t.Helper()
	args := []string{"-layout"}
	if n > 0 {
		args = append(args, "-f", strconv.Itoa(n), "-l", strconv.Itoa(n))
	}
	return runTool(t, "pdftotext", append(args, file, "-")...)
}

func pdfZone(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// pdfFixtureLog is a small log with the characters benefit offices'
// forms meet: accents, typographic quotes, a long account that must
// wrap, and a contact with no person.
func pdfFixtureLog(loc *time.Location) Log {
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, loc) }
	return Log{
		From: at(9, 1, 0, 0), To: at(11, 30, 0, 0),
		Contacts: []Contact{
			// Out of order on purpose: the PDF lists by date.
			{At: at(11, 2, 14, 30), Company: "Łódź Logistics S.A.", Role: "Dispatcher", Person: "Zoë Ä",
				Email: "zoe@lodz.example", Method: MethodPhone, What: "Asked for an update on “the role” — they’ll call back…"},
			{At: at(9, 14, 9, 0), Company: "Müller & Söhne GmbH", Role: "Buchhalterin", Person: "Jürgen Müller",
				Email: "jm@mueller.example", Method: MethodEmail, What: "Sent my application (salary €42,000 – negotiable)"},
			{At: at(10, 5, 10, 15), Company: "São Paulo Trading Ltd", Role: "Analyst",
				Method: MethodInPerson, What: strings.Repeat("Interview for the analyst post with the whole panel, then a tour of the office and a written test; ", 4) + "END-OF-ACCOUNT"},
			{At: at(11, 20, 16, 0), Company: "Acme Widgets", Person: "Ann O'Neil", Method: MethodVideo,
				What: "Interview; awaiting an answer"},
		},
	}
}

func pdfOptions(paper Paper, loc *time.Location) PDFOptions {
	return PDFOptions{Paper: paper, Name: "Zoë Müller-Łukasz", Now: time.Date(2026, 12, 2, 12, 0, 0, 0, loc), Zone: loc}
}

func writeLog(t testing.TB, l Log, opt PDFOptions) (PDFResult, string) {
	t.Helper()
	var b bytes.Buffer
	res, err := WriteLogPDF(&b, l, opt)
	if err != nil {
		t.Fatalf("WriteLogPDF: %v", err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", b.Bytes()[:min(20, b.Len())])
	}
	return res, savePDF(t, b.Bytes())
}

func TestParsePaper(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Paper
		bad  bool
	}{
		{"a4", PaperA4, false},
		{" A4\n", PaperA4, false},
		{"Letter", PaperLetter, false},
		{"LETTER ", PaperLetter, false},
		{"", "", true},
		{"a5", "", true},
		{"us letter", "", true},
	} {
		got, err := ParsePaper(tc.in)
		var pe *PaperError
		switch {
		case tc.bad && !errors.As(err, &pe):
			t.Errorf("ParsePaper(%q) = %q, %v; want a *PaperError", tc.in, got, err)
		case tc.bad && pe.Value != tc.in:
			t.Errorf("ParsePaper(%q): Value = %q", tc.in, pe.Value)
		case !tc.bad && (err != nil || got != tc.want):
			t.Errorf("ParsePaper(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if got := (&PaperError{Value: "x"}).Error(); got != `unknown paper size "x" (want a4 or letter)` {
		t.Errorf("Error() = %q", got)
	}
}

func TestPDFRejectsUnknownPaper(t *testing.T) {
	var b bytes.Buffer
	_, err := WriteLogPDF(&b, Log{}, PDFOptions{Paper: "a5"})
	var pe *PaperError
	if !errors.As(err, &pe) || pe.Value != "a5" {
		t.Fatalf("WriteLogPDF with a5: %v; want a *PaperError", err)
	}
	if _, err := WriteReportPDF(&b, Report{}, PDFOptions{Paper: "legal"}); !errors.As(err, &pe) {
		t.Fatalf("WriteReportPDF with legal: %v; want a *PaperError", err)
	}
}

func TestLogPDF(t *testing.T) {
	loc := pdfZone(t)
	l := pdfFixtureLog(loc)
	for _, tc := range []struct {
		paper Paper
		size  string
	}{
		{"", "595 x 842"},
		{PaperA4, "595 x 842"},
		{PaperLetter, "612 x 792"},
	} {
		t.Run(string(tc.paper), func(t *testing.T) {
			res, file := writeLog(t, l, pdfOptions(tc.paper, loc))
			info := pdfInfo(t, file)
			if got := pageSize(info["Page size"]); got != tc.size {
				t.Errorf("page size %q, want %s", info["Page size"], tc.size)
			}
			if info["Pages"] != strconv.Itoa(res.Pages) || res.Pages != 1 {
				t.Errorf("pdfinfo says %s pages, PDFResult %d; want 1", info["Pages"], res.Pages)
			}
			if len(res.Missing) != 0 {
				t.Errorf("Missing = %q; the font draws every character of the fixture", res.Missing)
			}
			text := pageText(t, file, 0)
			for _, want := range []string{
				"Work-search log", "Name: Zoë Müller-Łukasz", "1 September 2026 to 30 November 2026",
				"4 contacts with 4 employers", "Prepared on 2 December 2026 with Bridgekeeper",
				"Müller & Söhne GmbH", "Łódź Logistics S.A.", "São Paulo Trading Ltd", "Acme Widgets",
				"Jürgen Müller", "Zoë Ä", "Ann O'Neil", "zoe@lodz.example", "Buchhalterin",
				"Phone", "Email", "In person", "Video", "“the role”", "they’ll call back…", "€42,000", "–", "—",
				"Mon 14 Sep 2026", "09:00", "END-OF-ACCOUNT",
				"Page 1 of 1", "Signature: ____", "Date: ____",
				"Date", "Employer", "Contact", "Method", "What happened",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("text lacks %q:\n%s", want, text)
				}
			}
			// Listed by date, not in the order given.
			order := []string{"Müller & Söhne", "São Paulo", "Łódź", "Acme Widgets", "Signature:"}
			last := -1
			for _, s := range order {
				i := strings.Index(text, s)
				if i < last {
					t.Errorf("%q comes before what was earlier:\n%s", s, text)
				}
				last = i
			}
			// The long account wrapped: it takes several lines, and
			// none runs into the margin (see also the pixel test).
			if n := strings.Count(text, "written test"); n != 4 {
				t.Errorf("the long account shows %d times, want 4", n)
			}
		})
	}
}

func TestLogPDFEmpty(t *testing.T) {
	loc := pdfZone(t)
	l := Log{From: time.Date(2026, 9, 1, 0, 0, 0, 0, loc), To: time.Date(2026, 9, 30, 0, 0, 0, 0, loc)}
	res, file := writeLog(t, l, PDFOptions{Now: time.Date(2026, 10, 1, 9, 0, 0, 0, loc), Zone: loc})
	if res.Pages != 1 || pdfPages(t, file) != 1 {
		t.Errorf("Pages = %d (pdfinfo %d), want 1", res.Pages, pdfPages(t, file))
	}
	text := pageText(t, file, 0)
	for _, want := range []string{"Work-search log", "Name: ____", "1 September 2026 to 30 September 2026",
		"0 contacts with 0 employers", "No contacts with employers were recorded in this period."} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "What happened") {
		t.Errorf("an empty log has a table:\n%s", text)
	}
}

func TestLogPDFSingular(t *testing.T) {
	loc := pdfZone(t)
	l := Log{From: time.Date(2026, 9, 1, 0, 0, 0, 0, loc), To: time.Date(2026, 9, 1, 0, 0, 0, 0, loc),
		Contacts: []Contact{{At: time.Date(2026, 9, 1, 8, 5, 0, 0, loc), Company: "Acme", Method: MethodEmail, What: "Applied"}}}
	_, file := writeLog(t, l, PDFOptions{Zone: loc})
	text := pageText(t, file, 0)
	if !strings.Contains(text, "1 contact with 1 employer") || strings.Contains(text, "1 contacts") {
		t.Errorf("counts not singular:\n%s", text)
	}
	if !strings.Contains(text, "—") {
		t.Errorf("a contact with no person shows no dash:\n%s", text)
	}
}

// manyContacts is a log of n contacts with distinct companies, every
// fourth with a long account.
func manyContacts(n int, loc *time.Location) Log {
	l := Log{From: time.Date(2026, 1, 1, 0, 0, 0, 0, loc), To: time.Date(2026, 12, 31, 0, 0, 0, 0, loc)}
	for i := range n {
		what := "Applied"
		if i%4 == 0 {
			what = strings.Repeat("Followed up on the application by phone and by email. ", 3)
		}
		l.Contacts = append(l.Contacts, Contact{
			At:      time.Date(2026, 1, 1, 9, 0, 0, 0, loc).Add(time.Duration(i) * 50 * time.Hour),
			Company: fmt.Sprintf("Company %03d", i), Role: "Clerk", Person: fmt.Sprintf("Person %03d", i),
			Email: fmt.Sprintf("p%03d@example.com", i), Method: MethodEmail, What: what,
		})
	}
	return l
}

func TestLogPDFManyPages(t *testing.T) {
	loc := pdfZone(t)
	res, file := writeLog(t, manyContacts(120, loc), pdfOptions(PaperLetter, loc))
	pages := pdfPages(t, file)
	if res.Pages != pages || pages < 3 {
		t.Fatalf("Pages = %d, pdfinfo %d; want the same, at least 3", res.Pages, pages)
	}
	for n := 1; n <= pages; n++ {
		text := pageText(t, file, n)
		if !regexp.MustCompile(`Date\s+Employer\s+Contact\s+Method\s+What happened`).MatchString(text) {
			t.Errorf("page %d has no table header:\n%s", n, text)
		}
		if want := fmt.Sprintf("Page %d of %d", n, pages); !strings.Contains(text, want) {
			t.Errorf("page %d lacks %q", n, want)
		}
		// No row is split: each company on the page has its email and
		// all of its account there too.
		long := 0
		for _, m := range regexp.MustCompile(`Company (\d{3})`).FindAllStringSubmatch(text, -1) {
			if !strings.Contains(text, "p"+m[1]+"@example.com") {
				t.Errorf("page %d: the row of Company %s is split", n, m[1])
			}
			if i, _ := strconv.Atoi(m[1]); i%4 == 0 {
				long++
			}
		}
		if got := strings.Count(text, "Followed"); got != 3*long {
			t.Errorf("page %d: %d of the long accounts' 3×%d sentences", n, got, long)
		}
	}
	all := pageText(t, file, 0)
	for i := range 120 {
		if c := fmt.Sprintf("Company %03d", i); strings.Count(all, c) != 1 {
			t.Errorf("%q shows %d times, want once", c, strings.Count(all, c))
		}
	}
	if !strings.Contains(pageText(t, file, pages), "Signature:") {
		t.Error("the last page has no signature line")
	}
}

func TestLogPDFMissingGlyphs(t *testing.T) {
	loc := pdfZone(t)
	l := Log{Contacts: []Contact{
		{At: time.Date(2026, 3, 2, 10, 0, 0, 0, loc), Company: "王小明 Ltd", Person: "Zoë", Method: MethodEmail,
			What: "Sent CV 😀 with\x00a stray byte \xff"},
		{At: time.Date(2026, 3, 3, 10, 0, 0, 0, loc), Company: "王 again", Method: MethodPhone, What: "Called"},
	}}
	res, file := writeLog(t, l, PDFOptions{Zone: loc})
	want := []rune{'王', '小', '明', '😀', 0, '\uFFFD'}
	if !slices.Equal(res.Missing, want) {
		t.Errorf("Missing = %q, want %q", res.Missing, want)
	}
	text := pageText(t, file, 0)
	for _, s := range []string{"??? Ltd", "? again", "Zoë", "Sent CV ? with?a stray byte ?", "2 March 2026 to 3 March 2026"} {
		if !strings.Contains(text, s) {
			t.Errorf("text lacks %q:\n%s", s, text)
		}
	}
	if strings.ContainsRune(text, '王') {
		t.Errorf("a character the font lacks was drawn:\n%s", text)
	}
}

func TestCleanComposesAccents(t *testing.T) {
	d, err := newPDFDoc(PDFOptions{}, "test")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"Zoe\u0308", "Zoë"},
		{"tab\there\r\nnext", "tab here  next"},
		{"’“”…—–€", "’“”…—–€"},
		{"王", "?"},
		// fpdf would print right-to-left text backwards.
		{"Dana שלום", "Dana ????"},
	} {
		if got := d.clean(tc.in); got != tc.want {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if !slices.Equal(d.missing, []rune{'王', 'ש', 'ל', 'ו', 'ם'}) {
		t.Errorf("missing = %q", d.missing)
	}
}

// TestWidthsMatchFpdf checks the document's own measure against fpdf's,
// which decides where text is drawn.
func TestWidthsMatchFpdf(t *testing.T) {
	d, err := newPDFDoc(PDFOptions{}, "test")
	if err != nil {
		t.Fatal(err)
	}
	s := d.clean("Müller & Söhne GmbH, Łódź — “São Paulo” 0123456789 WAVE ™…€")
	for _, w := range []pdfWeight{pdfRegular, pdfBold} {
		d.setFace(pdfFace{w: w, size: 10})
		if got, want := d.units(s, w), d.pdf.GetStringSymbolWidth(s); got != want {
			t.Errorf("weight %d: units %d, fpdf %d", w, got, want)
		}
	}
}

func TestFitAndWrap(t *testing.T) {
	d, err := newPDFDoc(PDFOptions{}, "test")
	if err != nil {
		t.Fatal(err)
	}
	f := pdfFace{w: pdfRegular, size: 9}
	avail := func(width float64) int { return pdfUnitsIn(width-2*pdfPad, f.size) }
	long := "International Business Machines Corporation of Springfield"
	for _, width := range []float64{5, 12, 30, 60, 200} {
		got := d.fit(long, width, f)
		if d.units(got, f.w) > avail(width) && got != "…" {
			t.Errorf("fit(%v) = %q is wider than the column", width, got)
		}
		if width < 200 && (!strings.HasSuffix(got, "…") || !strings.HasPrefix(long, strings.TrimSuffix(got, "…"))) {
			t.Errorf("fit(%v) = %q, want a prefix and …", width, got)
		}
	}
	if got := d.fit(long, 200, f); got != long {
		t.Errorf("fit(200) = %q, want it whole", got)
	}
	for _, tc := range []struct {
		text  string
		width float64
		max   int
	}{
		{long + " " + long, 40, 50},
		{"Averyveryveryverylongwordwithnospacesatallthatmustbebroken", 20, 50},
		{"two\nparagraphs  with   spaces", 30, 50},
		{strings.Repeat("word ", 200), 30, 5},
	} {
		lines := d.wrap(tc.text, tc.width, f, tc.max)
		if len(lines) > tc.max {
			t.Errorf("wrap gave %d lines, max %d", len(lines), tc.max)
		}
		for _, l := range lines {
			if d.units(l, f.w) > avail(tc.width) {
				t.Errorf("line %q is wider than %v mm", l, tc.width)
			}
		}
		joined := strings.Join(lines, " ")
		if tc.max < 50 {
			if !strings.HasSuffix(joined, "…") {
				t.Errorf("cut text does not end in …: %q", joined)
			}
			continue
		}
		if strings.Join(strings.Fields(joined), "") != strings.Join(strings.Fields(tc.text), "") {
			t.Errorf("wrap lost text: %q from %q", lines, tc.text)
		}
	}
}

// TestLogPDFStaysInsideThePage renders a page and checks that nothing is
// drawn in the right margin: text that did not wrap would run into it.
func TestLogPDFStaysInsideThePage(t *testing.T) {
	loc := pdfZone(t)
	l := pdfFixtureLog(loc)
	l.Contacts = append(l.Contacts, Contact{At: time.Date(2026, 11, 21, 9, 0, 0, 0, loc),
		Company: strings.Repeat("W", 80), Role: strings.Repeat("Role ", 30), Person: strings.Repeat("M", 60),
		Email: strings.Repeat("x", 70) + "@example.com", Method: MethodText, What: strings.Repeat("WWWWWWWWWW", 20)})
	for _, paper := range []Paper{PaperA4, PaperLetter} {
		t.Run(string(paper), func(t *testing.T) {
			_, file := writeLog(t, l, pdfOptions(paper, loc))
			prefix := filepath.Join(t.TempDir(), "page")
			runTool(t, "pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", "-singlefile", file, prefix)
			img := decodePNGFile(t, prefix+".png")
			b := img.Bounds()
			widthMM := 210.0
			if paper == PaperLetter {
				widthMM = 215.9
			}
			strip := int(12 / widthMM * float64(b.Dx()))
			dark := 0
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Max.X - strip; x < b.Max.X; x++ {
					if r, g, bl, _ := img.At(x, y).RGBA(); r < 0xf000 || g < 0xf000 || bl < 0xf000 {
						dark++
					}
				}
			}
			if dark > 0 {
				t.Errorf("%d pixels drawn in the right margin's last 12 mm", dark)
			}
			// And the check can see ink: the page is not blank.
			if inked(img) < 1000 {
				t.Error("the rendered page is almost blank")
			}
		})
	}
}

func decodePNGFile(t testing.TB, name string) image.Image {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func inked(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
				n++
			}
		}
	}
	return n
}

// solidPNG is a w by h picture of one colour.
func solidPNG(t testing.TB, w, h int, c color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pdfRecords are n interviews, the first with a company name too long for
// its column.
func pdfRecords(n int, loc *time.Location) []data.Record {
	statuses := data.Statuses()
	out := make([]data.Record, n)
	for i := range out {
		r := &out[i]
		r.ID = int64(i + 1)
		r.Company = fmt.Sprintf("Firm %05d", i)
		if i%3 == 0 {
			r.CompanyName = fmt.Sprintf("Firm %05d Holdings", i)
		}
		r.Role = "Engineer"
		r.ContactName = fmt.Sprintf("Contact %05d", i)
		r.Status = statuses[i%len(statuses)]
		if i%7 != 6 {
			r.StartsAt = time.Date(2026, 1, 5, 9, 30, 0, 0, loc).Add(time.Duration(i) * 13 * time.Hour)
		}
	}
	if n > 0 {
		out[0].CompanyName = "The Extraordinarily Long Company Name Incorporated of Greater Springfield and District"
		out[0].ContactName = "Zoë Ä"
	}
	return out
}

func TestReportPDF(t *testing.T) {
	loc := pdfZone(t)
	recs := pdfRecords(60, loc)
	st := Compute(recs, time.Date(2026, 12, 2, 12, 0, 0, 0, loc), loc)
	st.Replies.MedianDays = 4.5
	rep := Report{Stats: st, Records: recs, Charts: []ChartImage{
		{Key: "a", Title: "How far interviews got", Caption: "Of 60 interviews, 6 reached an offer.",
			PNG: solidPNG(t, 400, 200, color.RGBA{0x1f, 0x5f, 0xa8, 0xff}), Width: 400, Height: 200},
		{Key: "empty", Title: "Skipped chart", Caption: "Has no picture"},
		{Key: "b", Title: "Interviews each week", Caption: "Twenty-six weeks, the latest on the right.",
			PNG: solidPNG(t, 300, 300, color.RGBA{0x9e, 0x9e, 0x9e, 0xff}), Width: 300, Height: 300},
	}}
	for _, paper := range []Paper{PaperA4, PaperLetter} {
		t.Run(string(paper), func(t *testing.T) {
			var b bytes.Buffer
			res, err := WriteReportPDF(&b, rep, pdfOptions(paper, loc))
			if err != nil {
				t.Fatal(err)
			}
			file := savePDF(t, b.Bytes())
			if pages := pdfPages(t, file); pages != res.Pages || pages < 3 {
				t.Errorf("Pages = %d, pdfinfo %d", res.Pages, pages)
			}
			text := pageText(t, file, 0)
			wants := []string{"Job search report", "Name: Zoë Müller-Łukasz", "Prepared on 2 December 2026",
				"Interviews tracked", "Companies", "Still open", "Offers", "Accepted", "Messages filed",
				"Median time to an answer", "4.5 days", "How far interviews got", "Where they ended up",
				"Scheduled", "Attended", "Not selected", "Went quiet",
				"Of 60 interviews, 6 reached an offer.", "Interviews each week", "Twenty-six weeks, the latest on the right.",
				"Every interview", "Firm 00059", "Firm 00003 Holdings", "Zoë Ä", "Rescheduled", "Ghosted",
				"5 Jan 2026 09:30", "Page 1 of"}
			for _, want := range wants {
				if !strings.Contains(text, want) {
					t.Errorf("text lacks %q", want)
				}
			}
			pdfFigure := regexp.MustCompile(`Interviews tracked\s+60\b`)
			if !pdfFigure.MatchString(text) {
				t.Errorf("no figure for interviews tracked:\n%s", text)
			}
			if strings.Contains(text, "Skipped chart") {
				t.Error("a chart with no picture was printed")
			}
			if !regexp.MustCompile(`The Extraordinarily Long[^\n]*…`).MatchString(text) ||
				strings.Contains(text, "Greater Springfield and District") {
				t.Errorf("the long company name is not cut with …:\n%s", text)
			}
			if strings.Count(text, "—") < 60/7 {
				t.Errorf("undated interviews show no dash")
			}
			if _, err := exec.LookPath("pdfimages"); err == nil {
				if n := imageCount(t, file); n != 2 {
					t.Errorf("pdfimages lists %d images, want 2", n)
				}
			}
		})
	}
}

func TestReportPDFHeaderOnEveryPage(t *testing.T) {
	loc := pdfZone(t)
	var b bytes.Buffer
	recs := pdfRecords(300, loc)
	st := Compute(recs, time.Date(2026, 12, 2, 12, 0, 0, 0, loc), loc)
	res, err := WriteReportPDF(&b, Report{Stats: st, Records: recs}, PDFOptions{Zone: loc})
	if err != nil {
		t.Fatal(err)
	}
	file := savePDF(t, b.Bytes())
	if res.Pages < 5 {
		t.Fatalf("Pages = %d, want at least 5", res.Pages)
	}
	header := regexp.MustCompile(`Date\s+Company\s+Role\s+Contact\s+Status`)
	for n := 2; n <= res.Pages; n++ {
		text := pageText(t, file, n)
		if !header.MatchString(text) {
			t.Errorf("page %d has no header row", n)
		}
		if want := fmt.Sprintf("Page %d of %d", n, res.Pages); !strings.Contains(text, want) {
			t.Errorf("page %d lacks %q", n, want)
		}
	}
	all := pageText(t, file, 0)
	for i := 1; i < 300; i++ { // the first has a long name of its own
		if !strings.Contains(all, fmt.Sprintf("Firm %05d", i)) {
			t.Errorf("Firm %05d is missing", i)
		}
	}
	if !strings.Contains(all, "no answers yet") {
		t.Error("a report with no answers lacks \"no answers yet\"")
	}
}

func TestReportPDFEmpty(t *testing.T) {
	var b bytes.Buffer
	res, err := WriteReportPDF(&b, Report{Stats: Stats{Replies: ReplyFigures{MedianDays: -1}}}, PDFOptions{})
	if err != nil {
		t.Fatal(err)
	}
	file := savePDF(t, b.Bytes())
	text := pageText(t, file, 0)
	for _, want := range []string{"Job search report", "no answers yet", "Every interview", "No interviews are tracked yet."} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if res.Pages != 2 {
		t.Errorf("Pages = %d, want 2", res.Pages)
	}
}

// interlacedPNG is a one-pixel PNG marked interlaced: with one pixel the
// Adam7 data is the same as the plain one, so only the header changes.
func interlacedPNG(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	pic := b.Bytes()
	// The signature (8), IHDR's length and type (8), then width, height,
	// depth, colour type, compression, filter and interlace.
	pic[8+8+12] = 1
	binary.BigEndian.PutUint32(pic[8+8+13:], crc32.ChecksumIEEE(pic[12:8+8+13]))
	if _, err := png.Decode(bytes.NewReader(pic)); err != nil {
		t.Fatalf("the interlaced fixture does not decode: %v", err)
	}
	return pic
}

func TestReportPDFPictures(t *testing.T) {
	rep := Report{Charts: []ChartImage{
		// fpdf cannot read interlaced PNGs: the report converts them.
		{Title: "Interlaced", PNG: interlacedPNG(t), Width: 400, Height: 200},
		{Title: "Plain", PNG: solidPNG(t, 40, 40, color.Black), Width: 40, Height: 40},
	}}
	var out bytes.Buffer
	if _, err := WriteReportPDF(&out, rep, PDFOptions{}); err != nil {
		t.Fatalf("interlaced PNG: %v", err)
	}
	file := savePDF(t, out.Bytes())
	if n := imageCount(t, file); n != 2 {
		t.Errorf("%d images, want 2", n)
	}
	rep.Charts = append(rep.Charts, ChartImage{Title: "Broken", PNG: []byte("not a PNG")})
	_, err := WriteReportPDF(&out, rep, PDFOptions{})
	if err == nil || !strings.Contains(err.Error(), `chart "Broken"`) {
		t.Errorf("broken PNG: %v; want an error naming the chart", err)
	}
}

// imageCount counts the pictures pdfimages lists (not their masks).
func imageCount(t testing.TB, file string) int {
	t.Helper()
	return len(regexp.MustCompile(`(?m)^\s*\d+\s+\d+\s+image\s`).FindAllString(runTool(t, "pdfimages", "-list", file), -1))
}

func TestAnswerText(t *testing.T) {
	for _, tc := range []struct {
		days float64
		want string
	}{{-1, "no answers yet"}, {0, "0 days"}, {1, "1 day"}, {4.5, "4.5 days"}, {12, "12 days"}, {0.1 + 0.2, "0.3 days"}} {
		if got := pdfAnswerText(tc.days); got != tc.want {
			t.Errorf("answerText(%v) = %q, want %q", tc.days, got, tc.want)
		}
	}
}

// BenchmarkReportPDF100k writes the report of 100,000 interviews, about
// 2,000 pages of table.
func BenchmarkReportPDF100k(b *testing.B) {
	loc := time.UTC
	rep := Report{Records: pdfRecords(100_000, loc)}
	rep.Stats = Compute(rep.Records, time.Date(2026, 12, 2, 12, 0, 0, 0, loc), loc)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		var out bytes.Buffer
		res, err := WriteReportPDF(&out, rep, PDFOptions{Zone: loc})
		if err != nil {
			b.Fatal(err)
		}
		size = out.Len()
		b.ReportMetric(float64(res.Pages), "pages")
	}
	b.ReportMetric(float64(size)/1e6, "MB")
}
