// Package themes embeds relais's default theme in the binary, so a site
// with no theme of its own builds and looks right out of the box. It lives
// at the top of the repository because go:embed cannot reach parent
// folders; generator/theme reads it as the last layer of every lookup.
package themes

import "embed"

// FS holds default/: layouts/, static/ and i18n/.
//
//go:embed default
var FS embed.FS
