package data

import (
	"bytes"
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzReadCSV feeds arbitrary bytes to the importer. It must never panic;
// whatever it accepts must be valid interviews, and writing those back out
// and reading them again must give the same interviews.
func FuzzReadCSV(f *testing.F) {
	header := "company,role,contact_name,contact_email,starts_at,timezone,status,notes\n"
	for _, seed := range []string{
		"",
		header,
		header + "Acme,Engineer,Dana,dana@acme.example,2026-12-03T14:30:00Z,Europe/Berlin,scheduled,\n",
		header + "\"Quote \"\"Co\"\"\",\"multi\nline\",,,,,,\n",
		"\ufeff" + header + "'=SUM(A1),+44,-2,@x,,,,\n",
		header + "'; DROP TABLE interviews; --,,,,,,,\n",
		header + "Nul\x00Co,,,,,,,\n",
		header + "\xff\xfe invalid utf8,,,,,,,\n",
		header + "שלום עולם,مرحبا,😀,,,,,\n",
		header + "A,,,not-an-email,yesterday,Mars/Base,maybe,\n",
		"Company\r\nOnly\r\n",
		"role\nNo company column\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		ivs, err := ReadCSV(bytes.NewReader(in))
		if err != nil {
			var ie *ImportError
			if errors.As(err, &ie) && len(ie.Problems) == 0 {
				t.Fatal("ImportError without problems")
			}
			return
		}
		for _, iv := range ivs {
			if err := iv.Validate(); err != nil {
				t.Fatalf("accepted an invalid interview %+v: %v", iv, err)
			}
		}
		plain := make([]Interview, len(ivs))
		for i, iv := range ivs {
			plain[i] = *iv
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, plain); err != nil {
			t.Fatalf("WriteCSV: %v", err)
		}
		again, err := ReadCSV(&buf)
		if err != nil {
			t.Fatalf("re-reading our own export failed: %v\n%q", err, buf.String())
		}
		if len(again) != len(ivs) {
			t.Fatalf("round trip: %d rows became %d", len(ivs), len(again))
		}
		for i := range ivs {
			a, b := ivs[i], again[i]
			if a.Company != b.Company || a.Role != b.Role || a.ContactEmail != b.ContactEmail ||
				!a.StartsAt.Equal(b.StartsAt) || a.TimeZone != b.TimeZone || a.Status != b.Status {
				t.Fatalf("round trip changed row %d:\n%+v\n%+v", i, a, b)
			}
		}
	})
}

// FuzzLoadZone checks zone parsing never panics and accepts only names
// that load the same way again.
func FuzzLoadZone(f *testing.F) {
	for _, seed := range []string{"", "UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires", "Local",
		"../../etc/passwd", "Europe/Berlin\x00", " UTC", "Etc/GMT+5", "\xff"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		loc, err := LoadZone(name)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != "timezone" {
				t.Fatalf("LoadZone(%q) error %v is not a timezone FieldError", name, err)
			}
			return
		}
		if !utf8.ValidString(name) || loc.String() != name {
			t.Fatalf("LoadZone(%q) accepted and gave %q", name, loc)
		}
	})
}
