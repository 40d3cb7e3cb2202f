package compose

import "strings"

// greeting opens a message. A formal one uses the title and surname when
// the writer gave a title ("Dear Dr Whitfield,"; American English puts a
// full stop after the title), else the full name ("Dear Dana Whitfield,");
// warm and brief ones use the first name ("Hi Dana,"). With no name known:
// "Dear Hiring Manager," or "Hello,".
func greeting(t Tone, name, title string, e English) string {
	name = strings.TrimSpace(name)
	if t != ToneFormal {
		if first := firstName(name); first != "" {
			return "Hi " + first + ","
		}
		return "Hello,"
	}
	if name == "" {
		return "Dear Hiring Manager,"
	}
	if title = strings.TrimSuffix(strings.TrimSpace(title), "."); title != "" {
		if e == EnglishUS {
			title += "."
		}
		return "Dear " + title + " " + surname(name) + ","
	}
	return "Dear " + name + ","
}

// signOff closes a message, before the sender's name.
func signOff(t Tone) string {
	switch t {
	case ToneWarm:
		return "Warm regards,"
	case ToneBrief:
		return "Best,"
	}
	return "Kind regards,"
}

// firstName is the first word of a name, for a warm greeting; a name typed
// with a title ("Dr Dana Whitfield") skips it.
func firstName(name string) string {
	words := strings.Fields(name)
	if len(words) > 1 {
		if _, err := ParseTitle(words[0]); err == nil && isTitle(words[0]) {
			words = words[1:]
		}
	}
	if len(words) == 0 {
		return ""
	}
	return words[0]
}

// surname is the last word of a name.
func surname(name string) string {
	words := strings.Fields(name)
	if len(words) == 0 {
		return ""
	}
	return words[len(words)-1]
}

func isTitle(word string) bool {
	t, err := ParseTitle(word)
	return err == nil && t != ""
}
