package insight

// ChartImage is a chart drawn for a document: its title, a one-line
// caption that says what it shows, and the picture as PNG.
type ChartImage struct {
	Key, Title, Caption string
	PNG                 []byte
	// Width and Height are the picture's size in pixels.
	Width, Height int
}
