package compose

import "testing"

func BenchmarkRender(b *testing.B) {
	e, err := New()
	if err != nil {
		b.Fatal(err)
	}
	in := goldenInput(b, ScenarioCancel, ToneWarm, DiscloseFull)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Render(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkChecks(b *testing.B) {
	in := goldenInput(b, ScenarioCancel, ToneWarm, DiscloseFull)
	d, err := Render(in)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if len(Checks(in, d)) == 0 {
			b.Fatal("no checks")
		}
	}
}
