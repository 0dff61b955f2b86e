package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// Progress draws a one-line progress bar on a terminal. It is safe for
// concurrent use; its Update method has the shape of the progress callbacks
// that the library packages take (done and total units of work).
//
// A Progress made for a writer that is not a terminal, or with quiet set,
// draws nothing, so commands can call it unconditionally.
type Progress struct {
	mu      sync.Mutex
	w       io.Writer
	label   string
	enabled bool
	last    time.Time
	drawn   bool
}

// NewProgress returns a progress bar labelled label writing to w. It draws
// only when w is a terminal and quiet is false.
func NewProgress(w io.Writer, label string, quiet bool) *Progress {
	return &Progress{w: w, label: label, enabled: !quiet && IsTerminal(w)}
}

// IsTerminal reports whether w is a terminal.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// Update redraws the bar for done out of total units, at most every 100 ms.
func (p *Progress) Update(done, total int) {
	if p == nil || !p.enabled || total <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if done < total && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	const width = 30
	filled := done * width / total
	fmt.Fprintf(p.w, "\r%s [%s%s] %3d%%", p.label,
		strings.Repeat("=", filled), strings.Repeat(" ", width-filled), done*100/total)
	p.drawn = true
}

// Done clears the bar's line so that later output starts clean.
func (p *Progress) Done() {
	if p == nil || !p.enabled {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}
