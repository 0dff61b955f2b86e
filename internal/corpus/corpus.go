package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the corpus folder, or skips tb when there is none.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir, err := Find()
	if err != nil {
		if os.Getenv("USINETTE_CORPUS_REQUIRED") != "" {
			tb.Fatalf("corpus required but missing: %v", err)
		}
		tb.Skipf("corpus not available: %v", err)
	}
	return dir
}

// Path returns the corpus file at rel (slash-separated, e.g. "stl/torus.stl"),
// or skips tb when the corpus or the file is absent.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(Dir(tb), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("USINETTE_CORPUS_REQUIRED") != "" {
			tb.Fatalf("corpus file missing: %v", err)
		}
		tb.Skipf("corpus file not available: %v", err)
	}
	return p
}

// Find locates the corpus without a testing.TB: USINETTE_CORPUS if set,
// otherwise ../shared/corpus beside the module root (the folder holding
// go.mod, found by walking up from the working directory, because `go test`
// runs each package in its own folder).
func Find() (string, error) {
	if env := os.Getenv("USINETTE_CORPUS"); env != "" {
		if st, err := os.Stat(env); err != nil || !st.IsDir() {
			return "", errors.New("USINETTE_CORPUS=" + env + " is not a directory")
		}
		return env, nil
	}
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, "..", "shared", "corpus")
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return "", errors.New(filepath.Clean(dir) + " does not exist (set USINETTE_CORPUS)")
	}
	return filepath.Clean(dir), nil
}

// ModuleRoot returns the nearest folder at or above the working directory
// that holds go.mod.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
