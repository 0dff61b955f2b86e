package web

import "embed"

// assets are the page: written here, served as they are.
//
//go:embed assets
var assets embed.FS
