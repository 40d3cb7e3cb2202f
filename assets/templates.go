package assets

import "embed"

// Templates holds the email templates the composer fills in: one
// "<scenario>-<tone>.tmpl" file per scenario and tone, each defining a
// "subject" and a "body" template, plus shared partials in "partials.tmpl"
// and the phone script in "phone.tmpl". They are Go text/template sources;
// everything the user types reaches them as data, never as template code.
//
//go:embed templates
var Templates embed.FS
