package cut

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Print and cut: the design is printed on paper with registration marks,
// the paper is loaded into the Cameo, the cutter's optical sensor finds the
// marks and the cut follows the print. The marks are Silhouette's "Cameo"
// type (GPGL TB52,2; type 0 is the older SD's), as inkscape-silhouette's
// Silhouette template (templates/silhouette-cameo-registration-marks-a4.svg)
// draws them on a page of W × H mm with inset i:
//
//   - a filled black square of 5 × 5 mm whose top-left corner is (i, i);
//   - an L at the top right: arms of Length (20 mm) from the corner point
//     (W−i, i) leftwards and downwards;
//   - an L at the bottom left: arms from the corner point (i, H−i)
//     rightwards and upwards;
//
// the L's are lines of Width (0.5 mm, what TB53,10 tells the sensor, and
// the template's width; inkscape-silhouette's mark-drawing extension draws
// 0.3 mm lines but still sends TB53,10), centred on the corner points,
// mitred. The distances the cutter is told
// are between the square's outer corner and the L's corner points,
// ignoring the line width: W−2i across, H−2i down (inkscape-silhouette's
// regwidth/reglength and its Silhouette template, where i = 10 mm).
//
// After the search the cutter's origin is the square's corner (i, i): the
// cut is written relative to it, and must stay inside the rectangle of the
// marks and off the three corner zones (Length × Length inside each mark)
// where the sensor looks.
//
// The GPGL sequence, after the usual set-up (GPGL.Write) and before the
// first move, as inkscape-silhouette sends it (Graphtec.py, plot with
// regmark and regsearch; numbers in 1/20 mm, y before x like every GPGL
// coordinate):
//
//	TB50,0            portrait orientation (registration works in portrait)
//	TB99              use registration marks
//	TB52,2            mark type: Cameo/Portrait
//	TB51,400          arm length of the L marks (20 mm)
//	TB53,10           line width of the marks (0.5 mm)
//	TB55,1            (seen in Silhouette Studio's streams, meaning unknown)
//	TB123,h,w,t,l     search the marks automatically: h = H−2i and w = W−2i
//	                  the distances between marks, t and l = i−10 mm (at
//	                  least 0) where the search starts, 10 mm before the marks
//
// The cutter answers "    0" ETX when it has found the marks (a sender
// waits for it; a file written here cannot); TB23,h,w instead has the user
// place the head over the marks by hand.

// Registration-mark defaults, in millimetres.
const (
	RegMarkInset  = 10.0 // page edge to the marks' outer corner
	RegMarkLength = 20.0 // arm of the L marks
	RegMarkWidth  = 0.5  // line width of the L marks
	RegMarkSquare = 5.0  // side of the top-left square
	// regSearchMargin is how far before the marks the sensor starts looking.
	regSearchMargin = 10.0
)

// RegMarks places Cameo registration marks on a page of PageWidth ×
// PageHeight mm (the SVG's page, where the design keeps its place). Zero
// Inset, Length and Width mean the defaults.
type RegMarks struct {
	PageWidth, PageHeight float64
	Inset                 float64
	Length                float64
	Width                 float64
}

func (r RegMarks) withDefaults() RegMarks {
	if r.Inset == 0 {
		r.Inset = RegMarkInset
	}
	if r.Length == 0 {
		r.Length = RegMarkLength
	}
	if r.Width == 0 {
		r.Width = RegMarkWidth
	}
	return r
}

// Validate checks that the marks fit the page with room between them.
func (r RegMarks) Validate() error {
	r = r.withDefaults()
	ok := func(v, lo, hi float64) bool { return v >= lo && v <= hi }
	switch {
	case !ok(r.Inset, 0, 100) || !ok(r.Length, 5, 50) || !ok(r.Width, 0.1, 2):
		return fmt.Errorf("%w: registration marks: inset %g mm (0–100), length %g mm (5–50), width %g mm (0.1–2)",
			ErrBadOption, r.Inset, r.Length, r.Width)
	case !(r.PageWidth-2*r.Inset >= 2*r.Length+1) || !(r.PageHeight-2*r.Inset >= 2*r.Length+1) ||
		r.PageWidth > 1e5 || r.PageHeight > 1e5:
		return fmt.Errorf("%w: registration marks: page %.1f × %.1f mm too small for marks %g mm in with %g mm arms",
			ErrBadOption, r.PageWidth, r.PageHeight, r.Inset, r.Length)
	}
	return nil
}

// Origin is the cutter's origin after the mark search: the top-left
// corner of the square, in page millimetres.
func (r RegMarks) Origin() (x, y float64) {
	r = r.withDefaults()
	return r.Inset, r.Inset
}

// Span is the distance between the marks the cutter is told: across
// (square corner to the top-right L's corner point) and down (to the
// bottom-left L's corner point), in millimetres.
func (r RegMarks) Span() (across, down float64) {
	r = r.withDefaults()
	return r.PageWidth - 2*r.Inset, r.PageHeight - 2*r.Inset
}

// su rounds millimetres to GPGL units as inkscape-silhouette does.
func su(mm float64) int { return int(math.Floor(mm*gpglUnits + 0.5)) }

// Commands returns the GPGL commands (without ETX) that set up the marks
// and have the cutter search them (see the package's print-and-cut notes).
func (r RegMarks) Commands() []string {
	r = r.withDefaults()
	w, h := r.Span()
	search := max(r.Inset-regSearchMargin, 0)
	return []string{
		"TB50,0", "TB99", "TB52,2",
		"TB51," + strconv.Itoa(su(r.Length)),
		"TB53," + strconv.Itoa(su(r.Width)),
		"TB55,1",
		fmt.Sprintf("TB123,%d,%d,%d,%d", su(h), su(w), su(search), su(search)),
	}
}

// check refuses a plan that does not fit between the marks or reaches
// into a corner zone the sensor reads.
func (r RegMarks) check(plan *Plan) error {
	if err := r.Validate(); err != nil {
		return err
	}
	r = r.withDefaults()
	ox, oy := r.Origin()
	w, h := r.Span()
	// The three zones: Length × Length inside each mark, plus half a line.
	hw := r.Width / 2
	zones := [3][4]float64{
		{ox - hw, oy - hw, ox + r.Length + hw, oy + r.Length + hw},         // square
		{ox + w - r.Length - hw, oy - hw, ox + w + hw, oy + r.Length + hw}, // top right
		{ox - hw, oy + h - r.Length - hw, ox + r.Length + hw, oy + h + hw}, // bottom left
	}
	inside := [4]float64{ox - EdgeTolerance, oy - EdgeTolerance, ox + w + EdgeTolerance, oy + h + EdgeTolerance}
	names := []string{"top-left", "top-right", "bottom-left"}
	in := func(z [4]float64, x, y float64) bool { return x > z[0] && x < z[2] && y > z[1] && y < z[3] }
	for _, c := range plan.Cuts {
		for _, p := range c.Points {
			if !in(inside, p.X, p.Y) {
				return fmt.Errorf("%w: cut %q reaches x %.1f, y %.1f mm, outside the registration marks (x %.1f–%.1f, y %.1f–%.1f mm on the page)",
					ErrTooLarge, c.ShapeID, p.X, p.Y, ox, ox+w, oy, oy+h)
			}
			for k := range zones {
				if in(zones[k], p.X, p.Y) {
					return fmt.Errorf("%w: cut %q reaches x %.1f, y %.1f mm, in the %s registration mark's zone (x %.1f–%.1f, y %.1f–%.1f mm): keep the design off the marks",
						ErrTooLarge, c.ShapeID, p.X, p.Y, names[k], zones[k][0], zones[k][2], zones[k][1], zones[k][3])
				}
			}
		}
	}
	return nil
}

// MarksSVG returns the marks as an SVG group in page millimetres (for a
// parent whose user unit is 1 mm), with ids regmark-tl, -tr and -bl as
// inkscape-silhouette names them.
func (r RegMarks) MarksSVG() string {
	r = r.withDefaults()
	ox, oy := r.Origin()
	w, h := r.Span()
	f := mmString
	line := `fill="none" stroke="#000000" stroke-width="` + f(r.Width) + `" stroke-linecap="butt" stroke-linejoin="miter" stroke-miterlimit="4"`
	var b strings.Builder
	b.WriteString(`<g id="regmarks" inkscape:label="Regmarks" inkscape:groupmode="layer" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape">` + "\n")
	fmt.Fprintf(&b, `<rect id="regmark-tl" x="%s" y="%s" width="%s" height="%s" fill="#000000" stroke="none"/>`+"\n",
		f(ox), f(oy), f(RegMarkSquare), f(RegMarkSquare))
	fmt.Fprintf(&b, `<path id="regmark-tr" d="M %s,%s H %s V %s" %s/>`+"\n",
		f(ox+w-r.Length), f(oy), f(ox+w), f(oy+r.Length), line)
	fmt.Fprintf(&b, `<path id="regmark-bl" d="M %s,%s H %s V %s" %s/>`+"\n",
		f(ox+r.Length), f(oy+h), f(ox), f(oy+h-r.Length), line)
	b.WriteString("</g>\n")
	return b.String()
}

// ErrPrintPage is returned by WritePrintPage for a source it cannot wrap.
var ErrPrintPage = errors.New("print page")

// WritePrintPage writes the printable page: the source SVG drawn as it
// is (every visible element, at its place) on a page of the marks' size,
// with the marks on top. The source's root becomes a nested <svg> whose
// viewport is the whole page, so its viewBox, preserveAspectRatio and
// units map exactly as they did for the root; the outer page has one user
// unit per millimetre, the unit of the marks. A gzip source (.svgz) is
// read through.
func WritePrintPage(w io.Writer, src []byte, marks RegMarks) error {
	if err := marks.Validate(); err != nil {
		return err
	}
	if len(src) > 2 && src[0] == 0x1f && src[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(src))
		if err != nil {
			return fmt.Errorf("%w: %v", ErrPrintPage, err)
		}
		if src, err = io.ReadAll(io.LimitReader(zr, 256<<20)); err != nil {
			return fmt.Errorf("%w: %v", ErrPrintPage, err)
		}
	}
	// Find the root start tag by raw tokens: prefixes stay as written.
	d := xml.NewDecoder(bytes.NewReader(src))
	d.Strict = false
	// Only offsets are needed and the bytes are copied as they are: any
	// declared encoding is passed through.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var root xml.StartElement
	var start, end int64
	for {
		start = d.InputOffset()
		tok, err := d.RawToken()
		if err != nil {
			return fmt.Errorf("%w: no <svg> root element: %v", ErrPrintPage, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			root = se.Copy()
			end = d.InputOffset()
			break
		}
	}
	if root.Name.Local != "svg" {
		return fmt.Errorf("%w: root element <%s>, not <svg>", ErrPrintPage, root.Name.Local)
	}
	selfClosed := bytes.HasSuffix(bytes.TrimRight(src[start:end], " \t\r\n"), []byte("/>"))
	tail := src[end:]
	if !selfClosed {
		// The root's end tag is the last one in the file.
		i := bytes.LastIndex(tail, []byte("</"))
		if i < 0 {
			return fmt.Errorf("%w: the <svg> root is not closed", ErrPrintPage)
		}
		j := bytes.IndexByte(tail[i:], '>')
		if j < 0 {
			return fmt.Errorf("%w: the <svg> root is not closed", ErrPrintPage)
		}
		tail = tail[:i+j+1]
	}
	mk := marks.withDefaults()
	f := mmString
	pw, ph := f(mk.PageWidth), f(mk.PageHeight)
	var b bytes.Buffer
	b.Write(src[:start]) // XML declaration, comments, DOCTYPE
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%smm" height="%smm" viewBox="0 0 %s %s">`+"\n", pw, ph, pw, ph)
	b.WriteString("<" + qname(root.Name))
	for _, a := range root.Attr {
		if a.Name.Space == "" && (a.Name.Local == "width" || a.Name.Local == "height" || a.Name.Local == "x" || a.Name.Local == "y") {
			continue
		}
		b.WriteString(" " + qname(a.Name) + `="`)
		xml.EscapeText(&b, []byte(a.Value))
		b.WriteString(`"`)
	}
	fmt.Fprintf(&b, ` x="0" y="0" width="%s" height="%s"`, pw, ph)
	if root.Name.Space == "" && !hasXMLNS(root) {
		b.WriteString(` xmlns="http://www.w3.org/2000/svg"`)
	}
	if selfClosed {
		b.WriteString("/>")
	} else {
		b.WriteString(">")
		b.Write(tail)
	}
	b.WriteString("\n")
	b.WriteString(mk.MarksSVG())
	b.WriteString("</svg>\n")
	_, err := w.Write(b.Bytes())
	return err
}

// mmString writes millimetres to the micrometre, without float noise.
func mmString(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e6)/1e6, 'f', -1, 64)
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

func hasXMLNS(se xml.StartElement) bool {
	for _, a := range se.Attr {
		if a.Name.Space == "" && a.Name.Local == "xmlns" {
			return true
		}
	}
	return false
}
