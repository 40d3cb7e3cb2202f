package compose

import "testing"

// The wording table must give every reason a sentence in every frame: a
// missing entry would silently leave the reason out of the draft.
func TestReasonWordingsComplete(t *testing.T) {
	for _, f := range []frame{frameUnable, frameStepBack, frameEarlier} {
		if n := len(reasonWordings[f]); n != len(Reasons()) {
			t.Errorf("frame %d has %d wordings, want %d", f, n, len(Reasons()))
		}
		for _, r := range Reasons() {
			if reasonWording(f, r.ID) == "" {
				t.Errorf("frame %d, reason %q: no wording", f, r.ID)
			}
		}
	}
	if got := reasonWording(frameStepBack, ReasonNone); got != "" {
		t.Errorf("ReasonNone worded as %q, want nothing", got)
	}
	if got, want := reasonWording(frame(99), ReasonIllness), reasonWording(frameUnable, ReasonIllness); got != want {
		t.Errorf("unknown frame: %q, want the frameUnable wording %q", got, want)
	}
}
