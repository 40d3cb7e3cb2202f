package data

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The text encodings a spreadsheet file is read in.
const (
	EncodingUTF8        = "UTF-8"
	EncodingUTF8BOM     = "UTF-8 with BOM"
	EncodingUTF16LE     = "UTF-16 LE"
	EncodingUTF16BE     = "UTF-16 BE"
	EncodingWindows1252 = "Windows-1252"
)

// The line ends a spreadsheet file can use.
const (
	LineEndsCRLF = "CRLF"
	LineEndsLF   = "LF"
	LineEndsCR   = "CR"
)

// sniffBytes is how much of a file is looked at to tell its separator and
// line ends; the encoding is checked over the whole file.
const sniffBytes = 64 << 10

// SheetFormat is how a spreadsheet file is written, as DetectFormat found.
type SheetFormat struct {
	Encoding  string // one of the Encoding constants
	Separator rune   // ',', ';' or '\t'
	LineEnds  string // one of the LineEnds constants
	// SepLine is set when the file starts with Excel's "sep=;" line,
	// which names the separator and is not part of the table.
	SepLine bool
}

// SeparatorName names a separator for people: "comma", "semicolon", "tab".
func SeparatorName(r rune) string {
	switch r {
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	}
	return "comma"
}

// DetectFormat reads r from where it stands to its end and works out its
// encoding, separator and line ends. A byte order mark decides the
// encoding; without one, UTF-16 is told by its zero bytes, and a file that
// is not valid UTF-8 is read as Windows-1252, which is what Excel on
// Windows writes for "CSV (Comma delimited)". Only the first 64 KiB are
// looked at for the separator and line ends.
func DetectFormat(r io.Reader) (SheetFormat, error) {
	br := bufio.NewReaderSize(r, sniffBytes)
	head, err := br.Peek(sniffBytes)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return SheetFormat{}, wrapErr("read the file", err)
	}
	f := SheetFormat{Encoding: bomEncoding(head)}
	if f.Encoding == "" {
		f.Encoding = zeroByteEncoding(head)
	}
	if f.Encoding == "" {
		valid, err := validUTF8(br)
		if err != nil {
			return SheetFormat{}, wrapErr("read the file", err)
		}
		f.Encoding = EncodingUTF8
		if !valid {
			f.Encoding = EncodingWindows1252
		}
	}
	text, err := decodeHead(head, f.Encoding)
	if err != nil {
		return SheetFormat{}, err
	}
	f.LineEnds = lineEnds(text)
	f.Separator, f.SepLine = separator(text)
	return f, nil
}

// bomEncoding names the encoding a byte order mark at the start of head
// announces, or "" when there is none.
func bomEncoding(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return EncodingUTF8BOM
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return EncodingUTF16LE
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return EncodingUTF16BE
	}
	return ""
}

// zeroByteEncoding tells UTF-16 without a byte order mark: text in it that
// is mostly Latin has a zero byte in every pair, on the high side. Real CSV
// text in any 8-bit encoding has no zero bytes at all.
func zeroByteEncoding(head []byte) string {
	n := min(len(head), 4096) &^ 1
	if n < 4 {
		return ""
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if head[i] == 0 {
			even++
		}
		if head[i+1] == 0 {
			odd++
		}
	}
	switch pairs := n / 2; {
	case odd*10 >= pairs*3 && even*10 < pairs:
		return EncodingUTF16LE
	case even*10 >= pairs*3 && odd*10 < pairs:
		return EncodingUTF16BE
	}
	return ""
}

// validUTF8 reports whether r, read to its end, is valid UTF-8. It reads in
// blocks, carrying a character cut by a block's end into the next.
func validUTF8(r io.Reader) (bool, error) {
	buf := make([]byte, 64<<10)
	carry := 0
	for {
		n, err := r.Read(buf[carry:])
		n += carry
		end := n
		// Hold back a character cut by the end of the block.
		if err == nil {
			for back := 1; back <= utf8.UTFMax-1 && back <= n; back++ {
				if utf8.RuneStart(buf[n-back]) {
					if !utf8.FullRune(buf[n-back : n]) {
						end = n - back
					}
					break
				}
			}
		}
		if !utf8.Valid(buf[:end]) {
			return false, nil
		}
		carry = copy(buf, buf[end:n])
		switch {
		case errors.Is(err, io.EOF):
			return carry == 0, nil
		case err != nil:
			return false, err
		}
	}
}

// textEncoding is the decoder for a named encoding; nil means the bytes
// are UTF-8 already (a UTF-8 byte order mark is skipped by decodeReader).
func textEncoding(name string) encoding.Encoding {
	switch name {
	// UseBOM follows a byte order mark and drops it; a file told by its
	// zero bytes has none, and is read in the order found.
	case EncodingUTF16LE:
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	case EncodingUTF16BE:
		return unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	case EncodingWindows1252:
		return charmap.Windows1252
	}
	return nil
}

// decodeReader turns r, written in the named encoding, into UTF-8 text
// without a byte order mark.
func decodeReader(r io.Reader, name string) io.Reader {
	if enc := textEncoding(name); enc != nil {
		return transform.NewReader(r, enc.NewDecoder())
	}
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	return br
}

// decodeHead decodes the sniffed start of a file, dropping a character cut
// off at its end.
func decodeHead(head []byte, name string) ([]byte, error) {
	text, err := io.ReadAll(decodeReader(bytes.NewReader(head), name))
	if err != nil && len(text) == 0 {
		return nil, fmt.Errorf("read the file as %s: %w", name, err)
	}
	return text, nil
}

// lineEnds names the line ends of text: CR only (old Mac Excel), CRLF
// (Windows, RFC 4180) or LF.
func lineEnds(text []byte) string {
	cr, lf := bytes.IndexByte(text, '\r'), bytes.IndexByte(text, '\n')
	switch {
	case cr >= 0 && lf < 0:
		return LineEndsCR
	case cr >= 0 && lf == cr+1:
		return LineEndsCRLF
	}
	return LineEndsLF
}

// separator finds the separator from the first line: Excel's "sep=X" line
// when there is one, else whichever of comma, semicolon and tab appears
// most outside quotes (comma when none does, or on a tie).
func separator(text []byte) (rune, bool) {
	line, _, _ := bytes.Cut(text, []byte{'\n'})
	line, _, _ = bytes.Cut(line, []byte{'\r'})
	if rest, ok := bytes.CutPrefix(bytes.ToLower(line), []byte("sep=")); ok && len(rest) == 1 {
		if r := rune(rest[0]); r == ',' || r == ';' || r == '\t' || r == '|' {
			return r, true
		}
	}
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(line) {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best, false
}

// crToLF turns every CR into LF, for files whose lines end in CR alone,
// which encoding/csv does not read as line ends.
type crToLF struct{ r io.Reader }

func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := range p[:n] {
		if p[i] == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

// countingReader counts the bytes read through it, for progress.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
