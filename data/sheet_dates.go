package data

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// DateOrder says how a date like 04/12/2026 reads: day first or month first.
type DateOrder string

// The date orders. DateOrderAuto tells it from the file: a date whose first
// number is over 12 is day first, one whose second is over 12 month first.
const (
	DateOrderAuto DateOrder = ""
	DateOrderDMY  DateOrder = "dmy"
	DateOrderMDY  DateOrder = "mdy"
)

// ParseDateOrder reads "dmy" or "mdy" (any case).
func ParseDateOrder(text string) (DateOrder, error) {
	switch o := DateOrder(strings.ToLower(strings.TrimSpace(text))); o {
	case DateOrderDMY, DateOrderMDY:
		return o, nil
	}
	return "", &FieldError{Field: "date_order", Msg: fmt.Sprintf("unknown date order %q (use dmy or mdy)", text)}
}

// DateOrderLabel names an order for people.
func DateOrderLabel(o DateOrder) string {
	switch o {
	case DateOrderDMY:
		return "day/month/year"
	case DateOrderMDY:
		return "month/day/year"
	}
	return "not needed"
}

// sheetDate is a date (and maybe time) read from a cell.
type sheetDate struct {
	year, month, day     int
	hour, minute, second int
	hasTime              bool
	// instant is set when the cell gave a UTC offset: it names one moment
	// and no zone is needed.
	instant time.Time
}

// dateOrderHint is what one cell says about the order of day and month.
type dateOrderHint int

const (
	hintNone      dateOrderHint = iota // ISO or dotted, or the same either way
	hintDMY                            // first number over 12
	hintMDY                            // second number over 12
	hintAmbiguous                      // both 12 or under, and different
)

var (
	// isoDate is 2026-12-05 with an optional time after T or a space.
	isoDate = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(.+))?$`)
	// numDate is 05.12.2026, 12/5/2026 or 5-12-26, with an optional time.
	numDate = regexp.MustCompile(`^(\d{1,2})([./-])(\d{1,2})[./-](\d{4}|\d{2})\.?(?:,?\s+(.+))?$`)
	// clock is 14:30, 14:30:00, 2:30 PM, 2 pm, 9.15, with an optional
	// fraction and UTC offset.
	clock = regexp.MustCompile(`(?i)^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2}))?(?:[.,]\d+)?\s*([ap])?\.?\s*(?:m\.?)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$`)
)

// parseSheetDate reads a date cell in any of the usual forms. order says
// how to read a date whose day and month could be either; with
// DateOrderAuto such a date is an error (the caller asks which). The hint
// says what the cell tells of the order.
func parseSheetDate(text string, order DateOrder) (sheetDate, dateOrderHint, error) {
	text = strings.TrimSpace(text)
	if t, err := time.Parse(time.RFC3339, text); err == nil {
		return dateOf(t), hintNone, nil
	}
	var d sheetDate
	var rest string
	hint := hintNone
	if m := isoDate.FindStringSubmatch(text); m != nil {
		d.year, d.month, d.day = atoi(m[1]), atoi(m[2]), atoi(m[3])
		rest = m[4]
	} else if m := numDate.FindStringSubmatch(text); m != nil {
		var err error
		if d, hint, err = numericDate(text, m, order); err != nil {
			return d, hint, err
		}
		rest = m[5]
	} else {
		return d, hintNone, fmt.Errorf("%q is not a date and time like 2026-12-05 14:30, 05.12.2026 14:30 or 12/5/2026 2:30 PM", text)
	}
	if !validDay(d.year, d.month, d.day) {
		return d, hint, fmt.Errorf("%q is not a day on the calendar", text)
	}
	if rest != "" {
		if err := d.setClock(rest); err != nil {
			return d, hint, fmt.Errorf("%q: %w", text, err)
		}
	}
	return d, hint, nil
}

// numericDate reads the day, month and year of a match of numDate.
func numericDate(text string, m []string, order DateOrder) (sheetDate, dateOrderHint, error) {
	d := sheetDate{year: atoi(m[4])}
	if len(m[4]) == 2 {
		d.year += 2000
	}
	a, b := atoi(m[1]), atoi(m[3])
	if m[2] == "." {
		// Dots are day first wherever they are used (05.12.2026),
		// whatever order the file's other dates are in.
		d.day, d.month = a, b
		return d, hintDMY, nil
	}
	hint := orderHint(a, b)
	switch {
	case hint == hintAmbiguous && order == DateOrderAuto:
		return d, hint, fmt.Errorf("%q could be %s or %s; say which order the file uses", text,
			fmtDay(d.year, b, a), fmtDay(d.year, a, b))
	case a > 12 && b > 12:
		return d, hintNone, fmt.Errorf("%q is not a date", text)
	case order == DateOrderDMY && hint == hintMDY, order == DateOrderMDY && hint == hintDMY:
		// A file that says its order is read in it.
		return d, hint, fmt.Errorf("%q is not a date in %s order", text, DateOrderLabel(order))
	case hint == hintMDY, hint == hintAmbiguous && order == DateOrderMDY:
		d.day, d.month = b, a
	default:
		d.day, d.month = a, b
	}
	return d, hint, nil
}

// orderHint is what the two first numbers of a date say of their order.
func orderHint(a, b int) dateOrderHint {
	switch {
	case a > 12 && b <= 12:
		return hintDMY
	case b > 12 && a <= 12:
		return hintMDY
	case a == b || a > 12:
		return hintNone
	}
	return hintAmbiguous
}

// setClock reads the time of day after a date, with an optional offset.
func (d *sheetDate) setClock(text string) error {
	m := clock.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil || (m[2] == "" && m[4] == "") {
		return fmt.Errorf("%q is not a time of day like 14:30 or 2:30 PM", text)
	}
	h, mi, s := atoi(m[1]), atoi(m[2]), atoi(m[3])
	switch strings.ToLower(m[4]) {
	case "a":
		if h < 1 || h > 12 {
			return fmt.Errorf("%q is not a time of day", text)
		}
		h %= 12
	case "p":
		if h < 1 || h > 12 {
			return fmt.Errorf("%q is not a time of day", text)
		}
		h = h%12 + 12
	}
	if h > 23 || mi > 59 || s > 59 {
		return fmt.Errorf("%q is not a time of day", text)
	}
	d.hour, d.minute, d.second, d.hasTime = h, mi, s, true
	if off := strings.ToLower(m[5]); off != "" {
		secs, err := offsetSeconds(off)
		if err != nil {
			return err
		}
		d.instant = time.Date(d.year, time.Month(d.month), d.day, h, mi, s, 0, time.FixedZone("", secs)).UTC()
	}
	return nil
}

// offsetSeconds reads Z, UTC, GMT, +01, +0100 or +01:00.
func offsetSeconds(off string) (int, error) {
	if off == "z" || off == "utc" || off == "gmt" {
		return 0, nil
	}
	digits := strings.ReplaceAll(off[1:], ":", "")
	h, m := atoi(digits[:2]), 0
	if len(digits) == 4 {
		m = atoi(digits[2:])
	}
	if h > 14 || m > 59 {
		return 0, fmt.Errorf("%q is not a UTC offset", off)
	}
	secs := h*3600 + m*60
	if off[0] == '-' {
		secs = -secs
	}
	return secs, nil
}

// dateOf is a time with an offset as a sheetDate.
func dateOf(t time.Time) sheetDate {
	return sheetDate{year: t.Year(), month: int(t.Month()), day: t.Day(), hour: t.Hour(), minute: t.Minute(),
		second: t.Second(), hasTime: true, instant: t.UTC()}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// fmtDay writes a day unmistakably: "4 Dec 2026".
func fmtDay(y, m, d int) string {
	if !validDay(y, m, d) {
		return fmt.Sprintf("%d-%02d-%02d", y, m, d)
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Format("2 Jan 2006")
}
