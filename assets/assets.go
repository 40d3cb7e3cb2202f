// Package assets holds what Bridgekeeper embeds in its binary: the app icon
// and the email templates. The advice articles live in the advice
// subpackage beside their parser. Nothing here imports Fyne.
package assets

import _ "embed"

// Icon is the application icon, a 512×512 PNG.
//
//go:embed icon.png
var Icon []byte
