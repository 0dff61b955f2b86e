// Package apicheck holds tests about the module's public API as a whole: no
// exported declaration of a public package mentions a type from internal/,
// which another module could not name. It has no code of its own.
package apicheck
