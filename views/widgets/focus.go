package widgets

import "fyne.io/fyne/v2/widget"

// Select is a widget.Select that says when it gains the keyboard focus,
// so a scrolling form can bring it into view.
type Select struct {
	widget.Select
	OnFocusGained func()
}

// FocusGained is part of fyne.Focusable.
func (s *Select) FocusGained() {
	s.Select.FocusGained()
	if s.OnFocusGained != nil {
		s.OnFocusGained()
	}
}

// Check is a widget.Check that says when it gains the keyboard focus.
type Check struct {
	widget.Check
	OnFocusGained func()
}

// FocusGained is part of fyne.Focusable.
func (c *Check) FocusGained() {
	c.Check.FocusGained()
	if c.OnFocusGained != nil {
		c.OnFocusGained()
	}
}
