package corpus_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/usinette/usinette/internal/corpus"
)

// go test runs each package in its own folder; the corpus is found from the
// module root, not from the working directory.
func ExampleModuleRoot() {
	root, err := corpus.ModuleRoot()
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = os.Stat(filepath.Join(root, "go.mod"))
	fmt.Println("go.mod at the module root:", err == nil)
	// Output: go.mod at the module root: true
}
