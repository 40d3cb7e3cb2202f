package views

import (
	"slices"

	"bridgekeeper/compose"
)

// composeEdit is what the user changed in one channel's text.
type composeEdit struct {
	subject, body             string
	subjectEdited, bodyEdited bool
}

// composeChannelLabels name the channels in the preview's switch, in the
// order of compose.Channels.
func composeChannelLabels() []string {
	return []string{"Email", "Phone call", "Voicemail", "Text"}
}

// composeCopyLabels name the copy button for each channel.
func composeCopyLabels() []string {
	return []string{"Copy email", "Copy script", "Copy voicemail", "Copy text"}
}

// channelChosen is the channel the preview shows.
func (c *composeTab) channelChosen() compose.Channel {
	if c.channel == nil {
		return compose.ChannelEmail
	}
	if i := slices.Index(composeChannelLabels(), c.channel.Selected); i >= 0 {
		return compose.Channels()[i]
	}
	return compose.ChannelEmail
}

// onChannel switches the preview to another channel: the user's edits of
// the one left are kept for when they come back, and the one chosen shows
// its own edits or its generated text.
func (c *composeTab) onChannel() {
	next := c.channelChosen()
	if next == c.lastChannel {
		return
	}
	if c.edits == nil {
		c.edits = map[compose.Channel]composeEdit{}
	}
	if c.subjectEdited || c.bodyEdited {
		c.edits[c.lastChannel] = composeEdit{c.subject.Text, c.body.Text, c.subjectEdited, c.bodyEdited}
	} else {
		delete(c.edits, c.lastChannel)
	}
	c.lastChannel = next
	c.subjectEdited, c.bodyEdited = false, false
	if e, ok := c.edits[next]; ok {
		quietly(&c.writing, func() {
			c.subject.SetText(e.subject)
			c.body.SetText(e.body)
		})
		c.subjectEdited, c.bodyEdited = e.subjectEdited, e.bodyEdited
	}
	email := next == compose.ChannelEmail
	showIf(c.subjectRow, email)
	composeSetEnabled(c.mailBtn, email)
	c.copyBtn.SetText(composeCopyLabels()[slices.Index(compose.Channels(), next)])
	composeRelayout(c.preview)
	c.changed()
}
