package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestUnknownCommandExitsNonZero(t *testing.T) {
	var out, errb bytes.Buffer
	code := execute([]string{"frobnicate"}, strings.NewReader(""), &out, &errb)
	if code == 0 {
		t.Fatalf("exit 0 for an unknown command; stderr %q", errb.String())
	}
	if !strings.Contains(errb.String(), "frobnicate") {
		t.Fatalf("stderr does not name the command: %q", errb.String())
	}
}

func TestVersionFlag(t *testing.T) {
	var out, errb bytes.Buffer
	if code := execute([]string{"--version"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "usinette") {
		t.Fatalf("version output %q", out.String())
	}
}
