// Package web is the machinery of `usinette serve`: the workshop page
// (HTML, JavaScript and CSS written here and embedded in the binary, no
// CDN, no build step) and a small HTTP server that runs one job per API
// request safely: uploads bounded in size, work bounded in time and
// cancelled when the client goes away, jobs limited to a number of slots
// (the cores), every file in a per-request temporary folder removed when
// the request ends, errors as JSON.
//
// What a job does is the caller's: cmd/usinette plugs in the CLI's own
// commands, so that the page and the API give the same bytes and the same
// JSON as the command line for the same input and settings.
package web
