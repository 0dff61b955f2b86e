package vector

import (
	"bufio"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Errors returned (wrapped, with the file name and the element) by Read.
var (
	// ErrSyntax: the file is not well-formed XML, or an attribute (path
	// data, transform, number list) cannot be parsed.
	ErrSyntax = errors.New("syntax error")
	// ErrUnit: a length has a unit SVG does not define.
	ErrUnit = errors.New("unknown unit")
	// ErrNaN: a number is NaN or infinite, or geometry became so.
	ErrNaN = errors.New("not a finite number")
	// ErrNotSVG: the root element is not <svg>.
	ErrNotSVG = errors.New("not an SVG document")
	// ErrEmpty: nothing is left to cut after selection (see Select).
	ErrEmpty = errors.New("nothing to cut")
	// ErrLimit: the document grows past a documented limit (MaxUses,
	// MaxUseDepth, MaxSVGZ).
	ErrLimit = errors.New("over a limit")
)

// Limits on what a document may expand to, decided before the work.
const (
	// MaxUses is the most <use> instances a document may expand (a <use>
	// of a group of <use>s counts every one): a "billion laughs" of clones
	// is refused instead of filling memory.
	MaxUses = 100000
	// MaxUseDepth is the deepest chain of <use> inside <use>.
	MaxUseDepth = 32
	// MaxSVGZ is the most bytes a .svgz may decompress to (256 MiB).
	MaxSVGZ = 256 << 20
	// MaxPathSegments is the most segments one path's data may hold.
	MaxPathSegments = 1000000
	// MaxPoints is the most flattened points a document may hold (160 MB
	// of coordinates); each curve is also held to 10,000 chords.
	MaxPoints = 10000000
)

// DefaultTolerance is the default flattening tolerance in millimetres: the
// largest distance between a curve and the polyline that replaces it.
const DefaultTolerance = 0.02

// ReadOptions tunes Read. The zero value is ready to use.
type ReadOptions struct {
	// Tolerance is the curve flattening tolerance in page millimetres;
	// 0 means DefaultTolerance (0.02 mm).
	Tolerance float64
	// Name is the file name that prefixes error messages ("design.svg: ...").
	Name string
}

const (
	nsSVG      = "http://www.w3.org/2000/svg"
	nsXlink    = "http://www.w3.org/1999/xlink"
	nsInkscape = "http://www.inkscape.org/namespaces/inkscape"
	nsSodipodi = "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
	nsInkstich = "http://inkstitch.org/namespace"
)

// wellKnownPrefix names namespaces when the file itself does not declare a
// prefix for them.
var wellKnownPrefix = map[string]string{
	nsXlink:                                "xlink",
	nsInkscape:                             "inkscape",
	nsSodipodi:                             "sodipodi",
	nsInkstich:                             "inkstitch",
	"http://www.w3.org/XML/1998/namespace": "xml",
}

// node is one element of the parsed XML tree.
type node struct {
	space, name string // namespace URI and local name
	attrs       []xml.Attr
	children    []*node
	text        strings.Builder // character data (for <style>)
}

// attr returns the value of an attribute without namespace.
func (n *node) attr(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}

func (n *node) attrNS(space, local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value, true
		}
	}
	return "", false
}

// href returns xlink:href or SVG 2's plain href.
func (n *node) href() string {
	if v, ok := n.attrNS(nsXlink, "href"); ok {
		return v
	}
	if v, ok := n.attrNS("xlink", "href"); ok {
		return v
	}
	v, _ := n.attr("href")
	return v
}

func (n *node) isSVG() bool { return n.space == nsSVG || n.space == "" }

var entityDecl = regexp.MustCompile(`<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')`)

// parseTree reads the whole XML document into a tree and returns its root
// and the namespace prefixes it declares.
func parseTree(r io.Reader) (*node, map[string]string, error) {
	d := xml.NewDecoder(r)
	d.Strict = true
	d.Entity = map[string]string{}
	prefixes := map[string]string{}
	var root *node
	var stack []*node
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%w: %v", ErrSyntax, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{space: t.Name.Space, name: t.Name.Local, attrs: t.Attr}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" {
					if _, ok := prefixes[a.Value]; !ok {
						prefixes[a.Value] = a.Name.Local
					}
				}
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, nil, fmt.Errorf("%w: more than one root element", ErrSyntax)
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				if top := stack[len(stack)-1]; top.name == "style" {
					top.text.Write(t)
				}
			}
		case xml.Directive:
			for _, m := range entityDecl.FindAllStringSubmatch(string(t), -1) {
				d.Entity[m[1]] = m[2] + m[3]
			}
		}
	}
	if root == nil {
		return nil, nil, fmt.Errorf("%w: no root element", ErrSyntax)
	}
	return root, prefixes, nil
}

// reader holds the state of one Read call.
type reader struct {
	opts          ReadOptions
	tol           float64
	ids           map[string]*node
	sheet         sheet
	prefixes      map[string]string
	doc           *Document
	vpW, vpH      float64 // root viewport in user units (for percentages)
	opacityGroups int     // translucent elements numbered so far
	uses          int     // <use> instances expanded so far
	points        int     // flattened points so far
}

// ReadFile reads the SVG file at path (see Read); errors start with path.
func ReadFile(path string, opts ReadOptions) (*Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if opts.Name == "" {
		opts.Name = path
	}
	return Read(f, opts)
}

// Read parses an SVG document as Inkscape writes it and returns its visible
// shapes in page millimetres, in paint order, with every transform, the
// viewBox mapping and <use> clones applied and curves flattened to
// opts.Tolerance. It keeps ids, layer paths, cascaded colours and stroke
// widths and namespaced attributes; it skips what Inkscape does not show
// (display:none, visibility:hidden, opacity 0, <defs>, clip paths, masks,
// metadata). Visible <text> is listed in Document.Unconverted.
func Read(r io.Reader, opts ReadOptions) (*Document, error) {
	doc, err := read(r, opts)
	if err != nil && opts.Name != "" {
		return nil, fmt.Errorf("%s: %w", opts.Name, err)
	}
	return doc, err
}

func read(r io.Reader, opts ReadOptions) (*Document, error) {
	tol := opts.Tolerance
	if tol == 0 {
		tol = DefaultTolerance
	}
	if !(tol > 0) || math.IsInf(tol, 0) {
		return nil, fmt.Errorf("tolerance %v: %w", opts.Tolerance, ErrNaN)
	}
	// .svgz: gzip's magic number, whatever the file is called.
	br := bufio.NewReader(r)
	if b, _ := br.Peek(2); len(b) == 2 && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%w: svgz: %v", ErrSyntax, err)
		}
		r = &capReader{r: zr, left: MaxSVGZ}
	} else {
		r = br
	}
	root, prefixes, err := parseTree(r)
	if err != nil {
		return nil, err
	}
	if root.name != "svg" || !root.isSVG() {
		return nil, fmt.Errorf("%w: root element is <%s>", ErrNotSVG, root.name)
	}
	rd := &reader{opts: opts, tol: tol, ids: map[string]*node{}, prefixes: prefixes, doc: &Document{}}
	rd.index(root)
	m, err := rd.rootViewport(root)
	if err != nil {
		return nil, err
	}
	rd.doc.UserUnit = Point{math.Hypot(m[0][0], m[1][0]), math.Hypot(m[0][1], m[1][1])}
	st := &walkState{m: m, style: computed{}, opacity: 1}
	if err := rd.walkChildren(root, st, rd.sheet.declared(root)); err != nil {
		return nil, err
	}
	return rd.doc, nil
}

// capReader fails once more than left bytes were read (a gzip bomb).
type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, fmt.Errorf("%w: svgz decompresses to more than %d MiB", ErrLimit, MaxSVGZ>>20)
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("%w: svgz: %v", ErrSyntax, err)
	}
	return n, err
}

// index records ids and style sheets.
func (rd *reader) index(n *node) {
	if id, ok := n.attr("id"); ok {
		if _, dup := rd.ids[id]; !dup {
			rd.ids[id] = n
		}
	}
	if n.name == "style" && n.isSVG() {
		typ, _ := n.attr("type")
		if typ == "" || typ == "text/css" {
			rd.sheet.parse(n.text.String())
		}
	}
	for _, c := range n.children {
		rd.index(c)
	}
}

// rootViewport computes the page size and the matrix from user units to page
// millimetres.
func (rd *reader) rootViewport(root *node) (Matrix, error) {
	const mmPerPx = 25.4 / 96
	var vb []float64
	if s, ok := root.attr("viewBox"); ok && strings.TrimSpace(s) != "" {
		v, err := parseNumbers(s)
		if err != nil {
			return Identity(), fmt.Errorf("viewBox: %w", err)
		}
		if len(v) != 4 {
			return Identity(), fmt.Errorf("%w: viewBox %q needs 4 numbers", ErrSyntax, s)
		}
		if v[2] <= 0 || v[3] <= 0 {
			vb = nil // a zero or negative viewBox disables rendering in browsers; Inkscape ignores it
		} else {
			vb = v
		}
	}
	dim := func(name string, vbDim float64) (float64, error) {
		s, ok := root.attr(name)
		if !ok || strings.TrimSpace(s) == "" || strings.TrimSpace(s) == "auto" {
			if vb != nil {
				return vbDim, nil
			}
			return 0, nil
		}
		v, err := parseLengthPx(s, vbDim)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", name, err)
		}
		if v < 0 {
			return 0, fmt.Errorf("%w: negative %s %q", ErrSyntax, name, s)
		}
		return v, nil
	}
	var vbw, vbh float64
	if vb != nil {
		vbw, vbh = vb[2], vb[3]
	}
	wpx, err := dim("width", vbw)
	if err != nil {
		return Identity(), err
	}
	hpx, err := dim("height", vbh)
	if err != nil {
		return Identity(), err
	}
	rd.doc.Width, rd.doc.Height = wpx*mmPerPx, hpx*mmPerPx
	if vb == nil {
		rd.vpW, rd.vpH = wpx, hpx
		return Identity().Scale(mmPerPx, mmPerPx), nil
	}
	rd.vpW, rd.vpH = vb[2], vb[3]
	par, _ := root.attr("preserveAspectRatio")
	return viewBoxMatrix(vb, rd.doc.Width, rd.doc.Height, par), nil
}

// viewBoxMatrix maps a viewBox onto a w×h viewport with preserveAspectRatio.
func viewBoxMatrix(vb []float64, w, h float64, par string) Matrix {
	sx, sy := w/vb[2], h/vb[3]
	if w == 0 || h == 0 {
		sx, sy = 1, 1
	}
	f := strings.Fields(par)
	if len(f) > 0 && f[0] == "defer" {
		f = f[1:]
	}
	align, meet := "xMidYMid", true
	if len(f) > 0 {
		align = f[0]
	}
	if len(f) > 1 && f[1] == "slice" {
		meet = false
	}
	tx, ty := 0.0, 0.0
	if align != "none" {
		s := math.Min(sx, sy)
		if !meet {
			s = math.Max(sx, sy)
		}
		sx, sy = s, s
		free := func(avail, used float64, key string) float64 {
			switch {
			case strings.Contains(align, key+"Mid"):
				return (avail - used) / 2
			case strings.Contains(align, key+"Max"):
				return avail - used
			}
			return 0
		}
		tx = free(w, vb[2]*s, "x")
		ty = free(h, vb[3]*s, "Y")
	}
	return Identity().Translate(tx, ty).Scale(sx, sy).Translate(-vb[0], -vb[1])
}

// walkState is what a subtree inherits.
type walkState struct {
	m        Matrix // user units of the element's parent -> page mm
	style    computed
	layers   []string
	groups   []string // ids of the enclosing <g> elements (Shape.Groups)
	opacity  float64
	useID    string         // id of the outermost <use> being expanded
	useAttr  []xml.Attr     // attributes of that <use>
	inUse    map[*node]bool // <use> targets being expanded (cycle guard)
	useDepth int            // <use> inside <use>
	depth    int
	// inClip: the children of a <clipPath>, whose geometry counts whatever
	// their paint (clip-rule decides the inside).
	inClip bool
	// opacityGroups: the translucent elements the subtree is drawn in
	// (Shape.OpacityGroups).
	opacityGroups []int
}

var skipped = map[string]bool{
	"defs": true, "clipPath": true, "mask": true, "metadata": true, "title": true,
	"desc": true, "symbol": true, "marker": true, "pattern": true,
	"linearGradient": true, "radialGradient": true, "style": true, "script": true,
	"filter": true, "foreignObject": true, "image": true, "namedview": true,
	"cursor": true, "font": true, "font-face": true, "view": true,
}

func (rd *reader) walkChildren(n *node, st *walkState, decl map[string]string) error {
	style := st.style.child(decl)
	for _, c := range n.children {
		if err := rd.walk(c, st, style); err != nil {
			return err
		}
	}
	return nil
}

func (rd *reader) walk(n *node, parent *walkState, pstyle computed) error {
	if !n.isSVG() || skipped[n.name] {
		return nil
	}
	if parent.depth > 200 {
		return fmt.Errorf("%w: elements nested deeper than 200", ErrSyntax)
	}
	decl := rd.sheet.declared(n)
	style := pstyle.child(decl)
	if strings.TrimSpace(style["display"]) == "none" {
		return nil
	}
	opacity := parent.opacity * parseOpacity(decl["opacity"])
	if opacity <= 0 {
		return nil
	}
	m := parent.m
	if t, ok := n.attr("transform"); ok {
		tm, err := parseTransform(t)
		if err != nil {
			return rd.elemErr(n, err)
		}
		m = m.Mul(tm)
	}
	st := &walkState{m: m, style: style, layers: parent.layers, groups: parent.groups, opacity: opacity,
		useID: parent.useID, useAttr: parent.useAttr, inUse: parent.inUse, useDepth: parent.useDepth,
		depth: parent.depth + 1, inClip: parent.inClip, opacityGroups: parent.opacityGroups}
	if parseOpacity(decl["opacity"]) < 1 {
		rd.opacityGroups++
		st.opacityGroups = append(slices.Clip(parent.opacityGroups), rd.opacityGroups)
	}
	start := len(rd.doc.Shapes)
	if err := rd.walkElem(n, parent, st, style); err != nil {
		return err
	}
	if parent.inClip {
		return nil
	}
	// clip-path and mask cut what the element draws, in its user space.
	for _, prop := range []string{"clip-path", "mask"} {
		ref := urlRef(decl[prop])
		if ref == "" || len(rd.doc.Shapes) == start {
			continue
		}
		if err := rd.applyClip(n, prop, ref, m, start); err != nil {
			return rd.elemErr(n, err)
		}
	}
	return nil
}

// walkElem draws one element whose state st is set up.
func (rd *reader) walkElem(n *node, parent *walkState, st *walkState, style computed) error {
	switch n.name {
	case "g", "a", "svg", "switch":
		if n.name == "g" {
			id, _ := n.attr("id")
			st.groups = append(append([]string(nil), parent.groups...), id)
		}
		if gm, _ := n.attrNS(nsInkscape, "groupmode"); gm == "layer" {
			label, ok := n.attrNS(nsInkscape, "label")
			if !ok {
				label, _ = n.attr("id")
			}
			st.layers = append(append([]string(nil), parent.layers...), label)
		}
		if n.name == "svg" {
			vm, err := rd.nestedViewport(n)
			if err != nil {
				return rd.elemErr(n, err)
			}
			st.m = st.m.Mul(vm)
		}
		for _, c := range n.children {
			if !c.isSVG() || skipped[c.name] {
				continue
			}
			if err := rd.walk(c, st, style); err != nil {
				return err
			}
			if n.name == "switch" {
				break // only the first renderable child of a <switch>
			}
		}
		return nil
	case "use":
		target := rd.ids[strings.TrimPrefix(strings.TrimSpace(n.href()), "#")]
		if target == nil || target == n || parent.inUse[target] {
			return nil // Inkscape shows nothing for a broken or cyclic clone
		}
		rd.uses++
		st.useDepth++
		if rd.uses > MaxUses {
			return rd.elemErr(n, fmt.Errorf("%w: more than %d <use> clones", ErrLimit, MaxUses))
		}
		if st.useDepth > MaxUseDepth {
			return rd.elemErr(n, fmt.Errorf("%w: <use> nested deeper than %d", ErrLimit, MaxUseDepth))
		}
		x, y, err := rd.xy(n, "x", "y")
		if err != nil {
			return rd.elemErr(n, err)
		}
		st.m = st.m.Translate(x, y)
		inUse := map[*node]bool{n: true, target: true}
		for k := range parent.inUse {
			inUse[k] = true
		}
		st.inUse = inUse
		if st.useID == "" {
			st.useID, _ = n.attr("id")
			st.useAttr = n.attrs
		}
		if target.name == "symbol" {
			// The symbol's viewBox maps onto the <use>'s width × height
			// (else the symbol's own, else 100%), as SVG says.
			if vbs, ok := target.attr("viewBox"); ok {
				if vb, err := parseNumbers(vbs); err == nil && len(vb) == 4 && vb[2] > 0 && vb[3] > 0 {
					w, h := rd.vpW, rd.vpH
					for _, src := range []*node{target, n} {
						if v, ok, err := rd.length(src, "width", rd.vpW); err != nil {
							return rd.elemErr(n, err)
						} else if ok {
							w = v
						}
						if v, ok, err := rd.length(src, "height", rd.vpH); err != nil {
							return rd.elemErr(n, err)
						} else if ok {
							h = v
						}
					}
					if !(w > 0 && h > 0) {
						return nil // a zero-size viewport draws nothing
					}
					par, _ := target.attr("preserveAspectRatio")
					st.m = st.m.Mul(viewBoxMatrix(vb, w, h, par))
				}
			}
			for _, c := range target.children {
				if err := rd.walk(c, st, style.child(rd.sheet.declared(target))); err != nil {
					return err
				}
			}
			return nil
		}
		// The referenced element is drawn as if it were the <use>'s child.
		return rd.walk(target, st, style)
	case "text", "flowRoot":
		if !hidden(style) && !st.inClip {
			id, _ := n.attr("id")
			if st.useID != "" {
				id = st.useID
			}
			rd.doc.Unconverted = append(rd.doc.Unconverted, id)
		}
		return nil
	}
	p, closedByNature, err := rd.geometry(n)
	if err != nil {
		return rd.elemErr(n, err)
	}
	if p == nil || hidden(style) {
		return nil
	}
	shape, err := rd.shape(n, st, p, closedByNature)
	if err != nil {
		return rd.elemErr(n, err)
	}
	if !st.inClip && !shape.Filled() && !shape.Stroke.Set {
		return nil // fill and stroke none (or transparent): Inkscape shows nothing
	}
	rd.doc.Shapes = append(rd.doc.Shapes, shape)
	return nil
}

func hidden(style computed) bool {
	v := strings.TrimSpace(style["visibility"])
	return v == "hidden" || v == "collapse"
}

func (rd *reader) elemErr(n *node, err error) error {
	id, _ := n.attr("id")
	if id != "" {
		return fmt.Errorf("<%s id=%q>: %w", n.name, id, err)
	}
	return fmt.Errorf("<%s>: %w", n.name, err)
}

// segBuilder builds segments for the basic shapes.
type segBuilder struct{ segs []seg }

func (b *segBuilder) MoveTo(x, y float64) { b.segs = append(b.segs, seg{op: 'M', p: [3]Point{{x, y}}}) }
func (b *segBuilder) LineTo(x, y float64) { b.segs = append(b.segs, seg{op: 'L', p: [3]Point{{x, y}}}) }
func (b *segBuilder) Close()              { b.segs = append(b.segs, seg{op: 'Z'}) }
func (b *segBuilder) ArcTo(rx, ry, rot float64, large, sweep bool, x, y float64) {
	b.segs = append(b.segs, seg{op: 'A', p: [3]Point{{x, y}}, rx: rx, ry: ry, rot: rot, large: large, sw: sweep})
}

// nestedViewport maps an inner <svg>'s viewBox onto its x/y/width/height.
func (rd *reader) nestedViewport(n *node) (Matrix, error) {
	x, y, err := rd.xy(n, "x", "y")
	if err != nil {
		return Identity(), err
	}
	m := Identity().Translate(x, y)
	s, ok := n.attr("viewBox")
	if !ok {
		return m, nil
	}
	vb, err := parseNumbers(s)
	if err != nil || len(vb) != 4 || vb[2] <= 0 || vb[3] <= 0 {
		return m, nil
	}
	w, h := rd.vpW, rd.vpH
	if ws, ok := n.attr("width"); ok {
		if w, err = parseLengthPx(ws, rd.vpW); err != nil {
			return m, err
		}
	}
	if hs, ok := n.attr("height"); ok {
		if h, err = parseLengthPx(hs, rd.vpH); err != nil {
			return m, err
		}
	}
	par, _ := n.attr("preserveAspectRatio")
	return m.Mul(viewBoxMatrix(vb, w, h, par)), nil
}

// length reads a length attribute in user units (0 when absent).
func (rd *reader) length(n *node, name string, ref float64) (float64, bool, error) {
	s, ok := n.attr(name)
	if !ok || strings.TrimSpace(s) == "" || strings.TrimSpace(s) == "auto" {
		return 0, false, nil
	}
	v, err := parseLengthPx(s, ref)
	if err != nil {
		return 0, false, fmt.Errorf("%s: %w", name, err)
	}
	return v, true, nil
}

func (rd *reader) xy(n *node, xn, yn string) (float64, float64, error) {
	x, _, err := rd.length(n, xn, rd.vpW)
	if err != nil {
		return 0, 0, err
	}
	y, _, err := rd.length(n, yn, rd.vpH)
	return x, y, err
}

// geometry builds the element's outline in its own user units. It returns
// nil for elements that draw nothing (zero-size rect, r=0 circle...).
func (rd *reader) geometry(n *node) ([]seg, bool, error) {
	diag := math.Sqrt((rd.vpW*rd.vpW + rd.vpH*rd.vpH) / 2)
	get := func(name string, ref float64) (float64, bool, error) { return rd.length(n, name, ref) }
	switch n.name {
	case "path":
		d, _ := n.attr("d")
		p, err := parsePath(d)
		return p, false, err
	case "rect":
		x, y, err := rd.xy(n, "x", "y")
		if err != nil {
			return nil, false, err
		}
		w, _, err := get("width", rd.vpW)
		if err != nil {
			return nil, false, err
		}
		h, _, err := get("height", rd.vpH)
		if err != nil {
			return nil, false, err
		}
		rx, okx, err := get("rx", rd.vpW)
		if err != nil {
			return nil, false, err
		}
		ry, oky, err := get("ry", rd.vpH)
		if err != nil {
			return nil, false, err
		}
		if !(w > 0 && h > 0) {
			return nil, false, nil
		}
		if !okx {
			rx = ry
		}
		if !oky {
			ry = rx
		}
		rx = math.Min(math.Abs(rx), w/2)
		ry = math.Min(math.Abs(ry), h/2)
		p := &segBuilder{}
		if rx > 0 && ry > 0 {
			p.MoveTo(x+rx, y)
			p.LineTo(x+w-rx, y)
			p.ArcTo(rx, ry, 0, false, true, x+w, y+ry)
			p.LineTo(x+w, y+h-ry)
			p.ArcTo(rx, ry, 0, false, true, x+w-rx, y+h)
			p.LineTo(x+rx, y+h)
			p.ArcTo(rx, ry, 0, false, true, x, y+h-ry)
			p.LineTo(x, y+ry)
			p.ArcTo(rx, ry, 0, false, true, x+rx, y)
		} else {
			p.MoveTo(x, y)
			p.LineTo(x+w, y)
			p.LineTo(x+w, y+h)
			p.LineTo(x, y+h)
		}
		p.Close()
		return p.segs, true, nil
	case "circle", "ellipse":
		cx, cy, err := rd.xy(n, "cx", "cy")
		if err != nil {
			return nil, false, err
		}
		var rx, ry float64
		if n.name == "circle" {
			r, _, err := get("r", diag)
			if err != nil {
				return nil, false, err
			}
			rx, ry = r, r
		} else {
			var okx, oky bool
			if rx, okx, err = get("rx", rd.vpW); err != nil {
				return nil, false, err
			}
			if ry, oky, err = get("ry", rd.vpH); err != nil {
				return nil, false, err
			}
			if !okx {
				rx = ry
			}
			if !oky {
				ry = rx
			}
		}
		if !(rx > 0 && ry > 0) {
			return nil, false, nil
		}
		// Start at angle 0 and turn clockwise on screen, as Inkscape does.
		p := &segBuilder{}
		p.MoveTo(cx+rx, cy)
		p.ArcTo(rx, ry, 0, false, true, cx, cy+ry)
		p.ArcTo(rx, ry, 0, false, true, cx-rx, cy)
		p.ArcTo(rx, ry, 0, false, true, cx, cy-ry)
		p.ArcTo(rx, ry, 0, false, true, cx+rx, cy)
		p.Close()
		return p.segs, true, nil
	case "line":
		x1, y1, err := rd.xy(n, "x1", "y1")
		if err != nil {
			return nil, false, err
		}
		x2, y2, err := rd.xy(n, "x2", "y2")
		if err != nil {
			return nil, false, err
		}
		p := &segBuilder{}
		p.MoveTo(x1, y1)
		p.LineTo(x2, y2)
		return p.segs, false, nil
	case "polyline", "polygon":
		s, _ := n.attr("points")
		v, err := parseNumbers(s)
		if err != nil {
			return nil, false, fmt.Errorf("points: %w", err)
		}
		if len(v) < 2 {
			return nil, false, nil
		}
		p := &segBuilder{}
		p.MoveTo(v[0], v[1])
		for i := 2; i+1 < len(v); i += 2 {
			p.LineTo(v[i], v[i+1])
		}
		if n.name == "polygon" {
			p.Close()
		}
		return p.segs, n.name == "polygon", nil
	}
	return nil, false, nil
}

func (rd *reader) shape(n *node, st *walkState, p []seg, _ bool) (Shape, error) {
	for _, row := range st.m {
		for _, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return Shape{}, fmt.Errorf("%w in transform", ErrNaN)
			}
		}
	}
	subs, err := flattenSegs(p, st.m, rd.tol)
	if err != nil {
		return Shape{}, err
	}
	for _, sp := range subs {
		rd.points += len(sp.Points)
	}
	if rd.points > MaxPoints {
		return Shape{}, fmt.Errorf("%w: more than %d points after flattening (raise the tolerance?)", ErrLimit, MaxPoints)
	}
	id, _ := n.attr("id")
	if st.useID != "" {
		id = st.useID
	}
	s := Shape{ID: id, Layers: st.layers, Groups: st.groups, Subpaths: subs}
	s.Fill = rd.paint(st.style["fill"], st.style)
	s.Stroke = rd.paint(st.style["stroke"], st.style)
	s.FillRef, s.StrokeRef = urlRef(st.style["fill"]), urlRef(st.style["stroke"])
	s.MarkerStart = urlRef(st.style["marker-start"])
	s.FillOpacity = st.opacity * parseOpacity(st.style["fill-opacity"])
	s.StrokeOpacity = st.opacity * parseOpacity(st.style["stroke-opacity"])
	rule := "fill-rule"
	if st.inClip {
		rule = "clip-rule"
	}
	if strings.TrimSpace(st.style[rule]) == "evenodd" {
		s.FillRule = EvenOdd
	}
	// What Inkscape shows: a fill or stroke at zero opacity is not there.
	if parseOpacity(st.style["fill-opacity"]) <= 0 {
		s.Fill = Paint{}
	}
	if parseOpacity(st.style["stroke-opacity"]) <= 0 {
		s.Stroke = Paint{}
	}
	// What hides the shapes below it (in its translucent group): an
	// opaque paint (applyClip clears both under a mask).
	s.OpacityGroups = st.opacityGroups
	if ref := urlRef(st.style["fill"]); ref != "" && s.Filled() && !st.inClip {
		s.FillEdgeHidden, s.FillEdgeShown = rd.fadedEdge(ref, st.m, s.FillOutline(), st.opacity*parseOpacity(st.style["fill-opacity"]))
	}
	if !st.inClip {
		s.FillOpaque = s.Filled() && parseOpacity(st.style["fill-opacity"]) >= 1 && rd.paintOpaque(st.style["fill"], st.style)
		s.StrokeOpaque = s.Stroke.Set && parseOpacity(st.style["stroke-opacity"]) >= 1 && rd.paintOpaque(st.style["stroke"], st.style)
		if s.Filled() {
			s.FillAlpha = s.FillOpacity * rd.paintAlpha(st.style["fill"], st.style)
		}
		if s.Stroke.Set {
			s.StrokeAlpha = s.StrokeOpacity * rd.paintAlpha(st.style["stroke"], st.style)
		}
	}
	sw := 1.0
	if v, ok := st.style["stroke-width"]; ok {
		diag := math.Sqrt((rd.vpW*rd.vpW + rd.vpH*rd.vpH) / 2)
		if w, err := parseLengthPx(v, diag); err == nil && w >= 0 {
			sw = w
		}
	}
	s.StrokeWidth = sw * descrim(st.m)
	if sw == 0 {
		s.Stroke = Paint{} // a zero-width stroke draws nothing
	}
	s.StrokeLineCap, s.StrokeLineJoin, s.StrokeMiterLimit = "butt", "miter", 4
	switch v := strings.TrimSpace(st.style["stroke-linecap"]); v {
	case "round", "square":
		s.StrokeLineCap = v
	}
	switch v := strings.TrimSpace(st.style["stroke-linejoin"]); v {
	case "round", "bevel":
		s.StrokeLineJoin = v
	}
	if v, err := strconv.ParseFloat(strings.TrimSpace(st.style["stroke-miterlimit"]), 64); err == nil && v >= 1 {
		s.StrokeMiterLimit = v
	}
	s.Attrs = rd.attrs(n.attrs, st.useAttr)
	return s, nil
}

// attrs collects namespaced attributes keyed prefix:name; a <use>'s own
// attributes override those of the element it clones.
func (rd *reader) attrs(lists ...[]xml.Attr) map[string]string {
	var out map[string]string
	for _, list := range lists {
		for _, a := range list {
			if a.Name.Space == "" || a.Name.Space == "xmlns" {
				continue
			}
			prefix, ok := rd.prefixes[a.Name.Space]
			if !ok {
				if prefix, ok = wellKnownPrefix[a.Name.Space]; !ok {
					prefix = a.Name.Space // undeclared prefix: encoding/xml keeps it as is
				}
			}
			if out == nil {
				out = map[string]string{}
			}
			out[prefix+":"+a.Name.Local] = a.Value
		}
	}
	return out
}

// paint resolves a fill or stroke value.
func (rd *reader) paint(v string, style computed) Paint {
	v = strings.TrimSpace(v)
	switch strings.ToLower(v) {
	case "":
		return Paint{Implicit: true}
	case "none", "transparent":
		return Paint{}
	case "currentcolor":
		if c, ok := parseColor(style["color"]); ok {
			return Paint{Set: true, Color: c}
		}
		return Paint{Set: true, Color: colorBlack}
	}
	if strings.HasPrefix(v, "url(") {
		end := strings.IndexByte(v, ')')
		if end < 0 {
			return Paint{Set: true, Color: colorBlack}
		}
		ref := strings.Trim(strings.TrimSpace(v[4:end]), `'"`)
		if c, ok := rd.gradientColor(strings.TrimPrefix(ref, "#")); ok {
			return Paint{Set: true, Color: c}
		}
		fallback := strings.TrimSpace(v[end+1:])
		if strings.EqualFold(fallback, "none") {
			return Paint{}
		}
		if c, ok := parseColor(fallback); ok {
			return Paint{Set: true, Color: c}
		}
		return Paint{Set: true, Color: colorBlack}
	}
	if c, ok := parseColor(v); ok {
		return Paint{Set: true, Color: c}
	}
	return Paint{Set: true, Color: colorBlack}
}

// paintOpaque reports whether a fill or stroke value paints without
// transparency: a colour with no alpha below 1, the implicit black, a
// gradient whose stops are all opaque. A pattern or an unresolved
// reference is not known to be opaque.
func (rd *reader) paintOpaque(v string, style computed) bool {
	v = strings.TrimSpace(v)
	switch strings.ToLower(v) {
	case "":
		return true
	case "none", "transparent":
		return false
	case "currentcolor":
		return colorAlpha(style["color"]) >= 1
	}
	if strings.HasPrefix(v, "url(") {
		return rd.gradientOpaque(urlRef(v))
	}
	return colorAlpha(v) >= 1
}

// paintAlpha is the least alpha a fill or stroke value paints with: a
// colour's alpha, 1 for the implicit black, a gradient's least stop
// opacity times its colour's alpha; 0 when not known (a pattern, an
// unresolved reference).
func (rd *reader) paintAlpha(v string, style computed) float64 {
	v = strings.TrimSpace(v)
	switch strings.ToLower(v) {
	case "":
		return 1
	case "none", "transparent":
		return 0
	case "currentcolor":
		return colorAlpha(style["color"])
	}
	if !strings.HasPrefix(v, "url(") {
		return colorAlpha(v)
	}
	id := urlRef(v)
	for range 16 {
		g := rd.ids[id]
		if g == nil || (g.name != "linearGradient" && g.name != "radialGradient") {
			return 0
		}
		least, stops := 1.0, 0
		for _, c := range g.children {
			if c.name != "stop" {
				continue
			}
			stops++
			sc, so := rd.stopPaint(c)
			a := parseOpacity(so)
			if strings.TrimSpace(sc) != "" {
				a *= colorAlpha(sc)
			}
			least = math.Min(least, a)
		}
		if stops > 0 {
			return least
		}
		id = strings.TrimPrefix(strings.TrimSpace(g.href()), "#")
		if id == "" {
			return 0
		}
	}
	return 0
}

// stopPaint returns a gradient <stop>'s stop-color and stop-opacity as
// written, "" where unset: the style attribute over the style sheet over
// the presentation attributes, as CSS ranks them.
func (rd *reader) stopPaint(c *node) (color, opacity string) {
	decl := rd.sheet.declared(c)
	color, hasColor := decl["stop-color"]
	opacity, hasOp := decl["stop-opacity"]
	if !hasColor {
		color, _ = c.attr("stop-color")
	}
	if !hasOp {
		opacity, _ = c.attr("stop-opacity")
	}
	if st, ok := c.attr("style"); ok {
		parseDecls(st, func(n, v string) {
			switch n {
			case "stop-color":
				color = v
			case "stop-opacity":
				opacity = v
			}
		})
	}
	return color, opacity
}

// gradientOpaque reports whether every stop of a gradient (following
// xlink:href chains to the stops) is opaque.
func (rd *reader) gradientOpaque(id string) bool {
	for range 16 {
		g := rd.ids[id]
		if g == nil || (g.name != "linearGradient" && g.name != "radialGradient") {
			return false
		}
		stops := 0
		for _, c := range g.children {
			if c.name != "stop" {
				continue
			}
			stops++
			sc, so := rd.stopPaint(c)
			if parseOpacity(so) < 1 || (strings.TrimSpace(sc) != "" && colorAlpha(sc) < 1) {
				return false
			}
		}
		if stops > 0 {
			return true
		}
		id = strings.TrimPrefix(strings.TrimSpace(g.href()), "#")
		if id == "" {
			return false
		}
	}
	return false
}

// gradientColor returns the first stop colour of a gradient, following
// xlink:href chains (Inkscape splits stops and geometry that way).
func (rd *reader) gradientColor(id string) (colorRGBA, bool) {
	for range 16 {
		g := rd.ids[id]
		if g == nil {
			return colorRGBA{}, false
		}
		for _, c := range g.children {
			if c.name != "stop" {
				continue
			}
			sc, _ := rd.stopPaint(c)
			if col, ok := parseColor(sc); ok {
				return col, true
			}
			return colorBlack, true
		}
		id = strings.TrimPrefix(strings.TrimSpace(g.href()), "#")
		if id == "" {
			return colorRGBA{}, false
		}
	}
	return colorRGBA{}, false
}
