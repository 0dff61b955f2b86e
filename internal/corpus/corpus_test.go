package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

func TestModuleRootHoldsGoMod(t *testing.T) {
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root %s has no go.mod: %v", root, err)
	}
}

func TestPathFindsReadme(t *testing.T) {
	p := Path(t, "README.md")
	if filepath.Base(p) != "README.md" {
		t.Fatalf("Path returned %s", p)
	}
}

func TestFindHonoursEnv(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("USINETTE_CORPUS", dir)
	got, err := Find()
	if err != nil || got != dir {
		t.Fatalf("Find() = %q, %v; want %q", got, err, dir)
	}
	t.Setenv("USINETTE_CORPUS", filepath.Join(dir, "absent"))
	if _, err := Find(); err == nil {
		t.Fatal("Find() accepted a missing USINETTE_CORPUS")
	}
}
