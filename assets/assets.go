// Package assets holds what Bridgekeeper embeds in its binary, and only
// that: the app icon, the email templates and the advice articles, each
// exposed as a []byte or an embed.FS. Reading them is left to the packages
// that use them (compose renders the templates, advice parses the
// articles). Nothing here imports Fyne.
package assets

import _ "embed"

// Icon is the application icon, a 512×512 PNG.
//
//go:embed icon.png
var Icon []byte
