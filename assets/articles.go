package assets

import "embed"

// Articles holds the advice articles: one "articles/<slug>.md" Markdown
// file per article, each opening with a front matter block (title, summary,
// category, scenarios, optional tags) between "---" lines. The advice
// package parses, groups and searches them; the slug in the file name is
// how the composer links to an article.
//
//go:embed articles/*.md
var Articles embed.FS
