package insight

import (
	"strings"
	"time"

	"bridgekeeper/data"
)

// printWidth is the width charts are drawn at for paper: the text width
// of an A4 or Letter page (about 180 mm) at PrintStyle's 150 dpi.
const printWidth = 1060

// NewReport computes the figures of records and draws, for print, every
// chart that has something to show.
func NewReport(records []data.Record, now time.Time, loc *time.Location) (Report, error) {
	st := Compute(records, now, loc)
	rep := Report{Stats: st, Records: records}
	style := PrintStyle()
	for _, spec := range Specs(st) {
		if spec.Empty != "" {
			continue
		}
		img, err := DrawPNG(spec, st, style, printWidth, Height(spec.Key, st, style.DPI))
		if err != nil {
			return Report{}, err
		}
		rep.Charts = append(rep.Charts, img)
	}
	return rep, nil
}

// PaperForLocale is the paper size people print on where locale (such as
// "en_US.UTF-8") is spoken: US Letter in the Americas that use it, A4
// elsewhere. With no country in the locale, english decides ("us" for
// Letter).
func PaperForLocale(locale, english string) Paper {
	l, _, _ := strings.Cut(locale, ".")
	l, _, _ = strings.Cut(l, "@")
	_, country, ok := strings.Cut(strings.ReplaceAll(l, "-", "_"), "_")
	if !ok {
		if english == "us" {
			return PaperLetter
		}
		return PaperA4
	}
	switch strings.ToUpper(country) {
	case "US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "SV", "DO", "PR", "NI", "BZ":
		return PaperLetter
	}
	return PaperA4
}
