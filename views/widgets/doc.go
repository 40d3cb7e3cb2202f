// Package widgets holds the custom widgets Bridgekeeper's tabs are built
// from, one widget (and its renderer) a file: the tinted banner, the empty
// state, the interview table and its cells, and the entries that stay quick
// and pass window shortcuts on. They know nothing of the tabs: what a tab
// needs from them it gets through callbacks and plain fields.
package widgets
