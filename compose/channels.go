package compose

import (
	"fmt"
	"slices"
	"strings"
)

// Channel is the way the message reaches the recipient.
type Channel string

// The channels. Every scenario can be written for each of them.
const (
	ChannelEmail     Channel = "email"
	ChannelPhone     Channel = "phone"     // a script for when they answer
	ChannelVoicemail Channel = "voicemail" // under 30 seconds spoken
	ChannelText      Channel = "text"      // a text or LinkedIn message, at most 300 characters
)

// Channels lists the channels in the order the composer shows them.
func Channels() []Channel {
	return []Channel{ChannelEmail, ChannelPhone, ChannelVoicemail, ChannelText}
}

// MaxTextLength is the longest a text or LinkedIn message may be: the
// limit of a LinkedIn connection note, and two SMS.
const MaxTextLength = 300

// ParseChannel turns user text into a Channel.
func ParseChannel(s string) (Channel, error) { return parseKnown(s, "channel", "channel", Channels()) }

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { return slices.Contains(Channels(), c) }

// Called says whether the sender has already phoned about this message, so
// the draft never claims a call that did not happen.
type Called string

// What the sender did by phone before writing.
const (
	CalledNo        Called = ""          // not called
	CalledSpoke     Called = "spoke"     // spoke to them
	CalledVoicemail Called = "voicemail" // left a voicemail
)

// ParseCalled turns user text into a Called; "no" and "" mean not called.
func ParseCalled(s string) (Called, error) {
	switch v := normalise(s); v {
	case "", "no", "none":
		return CalledNo, nil
	case "spoke", "yes":
		return CalledSpoke, nil
	case "voicemail":
		return CalledVoicemail, nil
	}
	return "", &InputError{Field: "called", Msg: fmt.Sprintf("unknown --called %q (want no, spoke or voicemail)", s)}
}

// Titles are the courtesy titles a formal greeting may use.
func Titles() []string { return []string{"Dr", "Ms", "Mr", "Mrs", "Mx"} }

// ParseTitle turns user text into one of Titles ("dr." reads as "Dr"); ""
// means none.
func ParseTitle(s string) (string, error) {
	v := strings.TrimSuffix(strings.TrimSpace(s), ".")
	if v == "" {
		return "", nil
	}
	for _, t := range Titles() {
		if strings.EqualFold(v, t) {
			return t, nil
		}
	}
	return "", &InputError{Field: "to_title", Msg: fmt.Sprintf("unknown title %q (want one of %s)", s, strings.Join(Titles(), ", "))}
}
